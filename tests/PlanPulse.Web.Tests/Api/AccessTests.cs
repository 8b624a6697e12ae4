using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>Who may call what, and what they see: anonymous 401, read-only roles 403 on writes, scoped reads.</summary>
public sealed class AccessTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/portfolio/summary?year=2023&month=6")]
    [InlineData("/api/projects")]
    [InlineData("/api/rankings?year=2023&month=6")]
    [InlineData("/api/problems")]
    [InlineData("/api/rulesets/2023")]
    [InlineData("/openapi/v1.json")]
    public async Task Get_Anonymous_401NotRedirect(string url)
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToSignIn()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/projects");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Summary_Reporter_SeesOnlyOwnUnitsProjects(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = await app.ClientForAsync("reporter-drc");
        using var admin = app.Client();

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/projects?year=2023&month=6&pageSize=500");
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/projects?year=2023&month=6&pageSize=500");

        var units = mine.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("responsibleUnit").GetString()).Distinct().ToList();
        Assert.Equal(["区发展改革委"], units);
        var expected = all.GetProperty("items").EnumerateArray().Count(p => p.GetProperty("responsibleUnit").GetString() == "区发展改革委");
        Assert.Equal(expected, mine.GetProperty("total").GetInt32());
        Assert.True(expected < all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task PostReport_Leader_403AndPutRuleSet_Reporter_403()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var leader = await app.ClientForAsync("leader");
        using var reporter = await app.ClientForAsync("reporter-drc");

        var post = await leader.PostAsJsonAsync("/api/reports", new { projectCode = "x", month = "2023-06", amount = 1 });
        var put = await reporter.PutAsJsonAsync("/api/rulesets/2023", new { greenMaxGapPoints = 5, yellowMaxGapPoints = 20 });

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }

    [Fact]
    public async Task Get_RevokedOrUnknownToken_401()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pp_not-a-real-token");

        var response = await client.GetAsync("/api/projects");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

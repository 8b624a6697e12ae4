using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// POST /api/reports. December 2023 has no demo reports. The app's clock is the real one unless a test fixes it:
/// a December report entered today is months past its deadline (5 January 2024), so under ADR-003 it is stored
/// but does not count for December; entered on 3 January 2024 it does.
/// </summary>
public sealed class ReportsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>Invalid bodies, each answered 400 naming the field, on both databases.</summary>
    public static TheoryData<string, string, string> InvalidBodies
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var provider in Databases.All)
            {
                data.Add(provider, """{"month":"2023-12","amount":"约3亿"}""", "amount");
                data.Add(provider, """{"month":"2023-12","amount":-5}""", "amount");
                data.Add(provider, """{"month":"2023-12","amount":"abc","milestones":["开工"]}""", "amount");
                data.Add(provider, """{"month":"2023-12","amount":"1,2"}""", "amount"); // 12 or 1.2: refused as the Excel import refuses it
                data.Add(provider, """{"month":"2023-12","amount":"3亿元"}""", "amount");
                data.Add(provider, """{"month":"2099-01","amount":10}""", "month");
                data.Add(provider, """{"month":"2023-13","amount":10}""", "month");
                data.Add(provider, """{"month":"december","amount":10}""", "month");
                data.Add(provider, """{"projectId":987654,"month":"2023-12","amount":10}""", "projectId");
                data.Add(provider, """{"projectCode":"NO-SUCH","month":"2023-12","amount":10}""", "projectId");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task PostReport_InvalidInput_400ProblemNamingFieldAndNothingSaved(string provider, string body, string field)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.Client();
        var projectId = await FirstProjectIdAsync(app);

        // Bodies without a project get the first demo project, so only the named field is wrong.
        var json = body.Contains("project", StringComparison.Ordinal) ? body : body.Replace("{", $"{{\"projectId\":{projectId},", StringComparison.Ordinal);
        var before = await CountAsync(app);
        using var response = await client.PostAsync(new Uri("/api/reports", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        ApiJson.AssertProblem(response, text, HttpStatusCode.BadRequest);
        var errors = ApiJson.Parse(text).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors name \"{field}\": {text}");
        Assert.NotEqual(0, messages.GetArrayLength());
        Assert.All(messages.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
        Assert.Equal(before, await CountAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PostReport_ValidBeforeDecemberDeadline_200AndDecemberSummaryReflectsIt(string provider)
    {
        // 10:00 on 3 January 2024 in Beijing: December is open and its deadline (end of 5 January) is ahead.
        await using var app = await ApiFactory.CreateAsync(provider, clock: new FixedClock(new DateTimeOffset(2024, 1, 3, 10, 0, 0, TimeSpan.FromHours(8))));
        using var client = app.Client();
        var before = await ApiJson.GetAsync(client, "/api/portfolio/summary?year=2023&month=12");
        var grey = await ApiJson.GetAsync(client, "/api/projects?year=2023&month=12&colour=grey&pageSize=1");
        var projectId = grey.GetProperty("items")[0].GetProperty("id").GetInt32();

        using var response = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { projectId, month = "2023-12", amount = "1234.5", progress = "12月:主体施工" });
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var result = ApiJson.Parse(text);
        Assert.Equal(projectId, result.GetProperty("projectId").GetInt32());
        Assert.Equal(202312, result.GetProperty("month").GetInt32());
        Assert.Equal(1234.5m, result.GetProperty("amount").GetDecimal());
        Assert.Equal("Submitted", result.GetProperty("status").GetString());

        var after = await ApiJson.GetAsync(client, "/api/portfolio/summary?year=2023&month=12");
        Assert.Equal(before.GetProperty("completed").GetDecimal() + 1234.5m, after.GetProperty("completed").GetDecimal());
        Assert.Equal(before.GetProperty("colours").GetProperty("grey").GetInt32() - 1, after.GetProperty("colours").GetProperty("grey").GetInt32());
        var detail = await ApiJson.GetAsync(client, $"/api/projects/{projectId}?year=2023&month=12");
        Assert.NotEqual("grey", detail.GetProperty("project").GetProperty("colour").GetString());
        var december = detail.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetInt32() == 202312);
        Assert.Equal(1234.5m, december.GetProperty("amount").GetDecimal());
        Assert.True(december.GetProperty("onTime").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PostReport_ValidWithRealClock_200SavedButLateSoDecemberSummaryUnchanged(string provider)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        using var client = app.Client();
        var before = ApiJson.Compact(await ApiJson.GetAsync(client, "/api/portfolio/summary?year=2023&month=12"));
        var projectId = await FirstProjectIdAsync(app);

        using var response = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { projectId, month = "2023-12", amount = 1234.5m });
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var saved = await app.WithDbAsync(db => db.MonthlyReports.SingleAsync(r => r.ProjectId == projectId && r.Month == 202312));
        Assert.Equal((1234.5m, ReportStatus.Submitted), (saved.Amount, saved.Status));
        Assert.True(saved.SubmittedAt > new DateTime(2024, 1, 5, 16, 0, 0, DateTimeKind.Utc));

        // ADR-003: December is evaluated as of its deadline, which this report missed.
        Assert.Equal(before, ApiJson.Compact(await ApiJson.GetAsync(client, "/api/portfolio/summary?year=2023&month=12")));
        var detail = await ApiJson.GetAsync(client, $"/api/projects/{projectId}?year=2023&month=12");
        var december = detail.GetProperty("months").EnumerateArray().Single(m => m.GetProperty("month").GetInt32() == 202312);
        Assert.Equal(1234.5m, december.GetProperty("amount").GetDecimal());
        Assert.False(december.GetProperty("onTime").GetBoolean());
        Assert.Equal("grey", december.GetProperty("colour").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PostReport_StaleVersion_409WithCurrentVersion(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.Client();
        var projectId = await LastProjectIdAsync(app);

        using var first = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { projectId, month = "2023-12", amount = 10 });
        var created = ApiJson.Parse(await first.Content.ReadAsStringAsync());
        var version = created.GetProperty("version").GetInt32();
        using var second = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { projectId, month = "2023-12", amount = 20, version });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var stale = await client.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { projectId, month = "2023-12", amount = 30, version });
        var text = await stale.Content.ReadAsStringAsync();

        ApiJson.AssertProblem(stale, text, HttpStatusCode.Conflict);
        Assert.Equal(version + 1, ApiJson.Parse(text).GetProperty("currentVersion").GetInt32());
        Assert.Equal(20m, await app.WithDbAsync(db => db.MonthlyReports.Where(r => r.ProjectId == projectId && r.Month == 202312).Select(r => r.Amount).SingleAsync()));
    }

    /// <summary>
    /// The stored submitter is the user who posted, by bearer token or by sign-in cookie, as on the entry page;
    /// it was once the word "api" for every report sent this way.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PostReport_SignedInUser_StoredAsSubmitter(string provider)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        var reporterProject = await app.WithDbAsync(db => AnnualMajor(db).Where(p => p.ResponsibleUnit!.Code == "D-DRC").OrderBy(p => p.Code).Select(p => p.Id).FirstAsync());
        var officeProject = await app.WithDbAsync(db => AnnualMajor(db).Where(p => p.ResponsibleUnit!.Code != "D-DRC").OrderBy(p => p.Code).Select(p => p.Id).FirstAsync());

        // A script with a bearer token of the unit's reporter.
        using var bearer = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await app.WithDbAsync(db => PlanPulse.App.Features.Accounts.Accounts.IssueTokenAsync(db, "reporter-drc", TimeProvider.System));
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var byToken = await bearer.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { projectId = reporterProject, month = "2023-12", amount = "１２.５" });
        Assert.True(byToken.StatusCode == HttpStatusCode.OK, await byToken.Content.ReadAsStringAsync());

        // A browser signed in with the cookie of the planning office.
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = MatrixFixture.FormToken(await browser.GetStringAsync(new Uri("/Account/Login", UriKind.Relative)));
        using var signIn = await browser.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("UserName", "planoffice"),
            new("Password", PlanPulse.App.Features.Demo.DemoData.DemoPassword),
            new("__RequestVerificationToken", form),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var byCookie = await browser.PostAsJsonAsync(new Uri("/api/reports", UriKind.Relative), new { projectId = officeProject, month = "2023-12", amount = 30 });
        Assert.True(byCookie.StatusCode == HttpStatusCode.OK, await byCookie.Content.ReadAsStringAsync());

        var stored = await app.WithDbAsync(db => db.MonthlyReports.Where(r => r.Month == 202312 && (r.ProjectId == reporterProject || r.ProjectId == officeProject))
            .Select(r => new { r.ProjectId, r.SubmittedBy, r.Amount }).ToListAsync());
        Assert.Equal(("reporter-drc", 12.5m), stored.Where(r => r.ProjectId == reporterProject).Select(r => (r.SubmittedBy, r.Amount)).Single());
        Assert.Equal(("planoffice", 30m), stored.Where(r => r.ProjectId == officeProject).Select(r => (r.SubmittedBy, r.Amount)).Single());
        Assert.DoesNotContain(await app.WithDbAsync(db => db.MonthlyReports.Select(r => r.SubmittedBy).Distinct().ToListAsync()), s => s == "api");
    }

    private static Task<int> FirstProjectIdAsync(ApiFactory app) =>
        app.WithDbAsync(db => AnnualMajor(db).OrderBy(p => p.Code).Select(p => p.Id).FirstAsync());

    private static Task<int> LastProjectIdAsync(ApiFactory app) =>
        app.WithDbAsync(db => AnnualMajor(db).OrderByDescending(p => p.Code).Select(p => p.Id).FirstAsync());

    private static IQueryable<Project> AnnualMajor(AppDbContext db) =>
        db.Projects.Where(p => p.Lists.Any(l => l.ProjectList!.Year == 2023 && l.ProjectList.Code == "annual-major"));

    private static Task<string> CountAsync(ApiFactory app) => app.WithDbAsync(async db => string.Join(
        ",",
        await db.MonthlyReports.CountAsync(),
        await db.ReachedMilestones.CountAsync(),
        await db.AuditEntries.CountAsync(),
        JsonSerializer.Serialize(await db.MonthlyReports.Where(r => r.Month == 202312).Select(r => new { r.ProjectId, r.Amount, r.Version }).ToListAsync())));
}

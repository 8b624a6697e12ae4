using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Demo;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>The demo app for sign-in tests that disable or lock accounts; nothing else shares its database.</summary>
public sealed class SignInDisclosureFixture : IAsyncLifetime
{
    public ApiFactory App { get; private set; } = null!;

    public WebApplicationFactory<Program> Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await ApiFactory.CreateAsync(Databases.Sqlite);
        Web = App.WithWebHostBuilder(b => b.UseSetting("Auth:SignIn:FailuresPerClient", "100000"));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Sign-in says nothing about an account before its password is right (a disabled account said so to any
/// password), and a lock earned by wrong passwords stops the account's bearer tokens too.
/// </summary>
public sealed class SignInDisclosureTests(SignInDisclosureFixture fixture) : IClassFixture<SignInDisclosureFixture>
{
    [Fact]
    public async Task DisabledAccount_SaysSoOnlyToTheRightPassword()
    {
        await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "commissioner").ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true)));

        var wrong = await SignInAsync("commissioner", "wrong-password");
        var unknown = await SignInAsync("no-such-person", "wrong-password");
        var right = await SignInAsync("commissioner", DemoData.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("用户名或密码错误", wrong.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("停用", wrong.Html, StringComparison.Ordinal);
        Assert.Contains("用户名或密码错误", unknown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.Status); // the page again, not a redirect into the app
        Assert.Contains("账号已停用", right.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockedOutAccount_ItsBearerTokenStopsUntilTheLockEnds()
    {
        var token = await fixture.App.WithDbAsync(db => Accounts.IssueTokenAsync(db, "command-nm", TimeProvider.System));
        using var client = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);

        // Five wrong passwords lock the account (Identity's lockout, 15 minutes).
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync("command-nm", "wrong-password");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);

        // The lock over, the same token works again.
        await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "command-nm").ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
    }

    private async Task<(HttpStatusCode Status, string Html)> SignInAsync(string user, string password)
    {
        using var client = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = MatrixFixture.FormToken(await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative)));
        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("UserName", user),
            new("Password", password),
            new("__RequestVerificationToken", token),
        ]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Control characters in a query value are a 400 on the API and on pages, never a 500 (they once were).</summary>
public sealed class QueryGuardTests(SignInDisclosureFixture fixture) : IClassFixture<SignInDisclosureFixture>
{
    [Theory]
    [InlineData("/api/portfolio/summary?year=2023&month=6&list=%00")]
    [InlineData("/api/projects?year=2023&month=6&q=%01abc")]
    [InlineData("/api/rankings?year=2023&month=6&unitType=%7F")]
    [InlineData("/projects?year=2023&month=6&q=%00")]
    [InlineData("/?year=2023&month=6&list=a%0Ab")]
    public async Task ControlCharacterInTheQuery_Is400(string url)
    {
        using var client = await fixture.App.ClientForAsync("planoffice");
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            Assert.Contains("请求有误", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PageBeyondTheEnd_ShowsTheLastPage_NotTheFirst()
    {
        using var client = await fixture.App.ClientForAsync("planoffice");
        var last = ApiJson.Parse(await client.GetStringAsync(new Uri("/api/projects?year=2023&month=6&pageSize=50&page=2147483647", UriKind.Relative)));
        var total = last.GetProperty("total").GetInt32();
        Assert.Equal((total + 49) / 50, last.GetProperty("page").GetInt32());
        Assert.Equal(total - ((total - 1) / 50 * 50), last.GetProperty("items").GetArrayLength());
    }
}

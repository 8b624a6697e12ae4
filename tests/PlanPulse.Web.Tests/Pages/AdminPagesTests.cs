using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;
using PlanPulse.Web.Tests.Api;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Pages;

/// <summary>The demo app for the admin-page tests that change accounts and rule sets; nothing else shares it.</summary>
public sealed class AdminPagesFixture : IAsyncLifetime
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
/// The accounts page (administrators) and the rule-set page (plan office and administrators) over HTTP: who may open
/// them, antiforgery on every post, a disabled account's sign-in, session and token all stopping, the last
/// administrator kept, stale saves refused, and the preview.
/// </summary>
public sealed partial class AdminPagesTests(AdminPagesFixture fixture) : IClassFixture<AdminPagesFixture>
{
    public static TheoryData<string, string, HttpStatusCode> Access() => new()
    {
        { "/admin/accounts", "admin", HttpStatusCode.OK },
        { "/admin/accounts", "planoffice", HttpStatusCode.Forbidden },
        { "/admin/accounts", "leader", HttpStatusCode.Forbidden },
        { "/admin/accounts", "reporter-drc", HttpStatusCode.Forbidden },
        { "/admin/accounts/{planoffice}", "admin", HttpStatusCode.OK },
        { "/admin/accounts/{planoffice}", "planoffice", HttpStatusCode.Forbidden },
        { "/admin/accounts/{planoffice}", "command-nm", HttpStatusCode.Forbidden },
        { "/admin/rulesets?year=2023&month=11", "admin", HttpStatusCode.OK },
        { "/admin/rulesets?year=2023&month=11", "planoffice", HttpStatusCode.OK },
        { "/admin/rulesets?year=2023&month=11", "leader", HttpStatusCode.Forbidden },
        { "/admin/rulesets?year=2023&month=11", "reporter-drc", HttpStatusCode.Forbidden },
        { "/admin/rulesets?year=2023&month=11", "commissioner", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Get_Role_RendersOrForbidden(string url, string user, HttpStatusCode expected)
    {
        using var client = await fixture.App.ClientForAsync(user);

        var response = await client.GetAsync(await FillAsync(url));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains(url.StartsWith("/admin/rulesets", StringComparison.Ordinal) ? "data-testid=\"ruleset-form\"" : "data-testid=\"account", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("admin", true, true)]
    [InlineData("planoffice", false, true)]
    [InlineData("leader", false, false)]
    [InlineData("reporter-drc", false, false)]
    public async Task Nav_Role_LinksOnlyToPagesTheRoleMayOpen(string user, bool accounts, bool ruleSets)
    {
        using var client = await fixture.App.ClientForAsync(user);

        var html = await client.GetStringAsync("/reports/missing?year=2023&month=11");

        Assert.Equal(accounts, html.Contains("data-testid=\"nav-accounts\"", StringComparison.Ordinal));
        Assert.Equal(ruleSets, html.Contains("data-testid=\"nav-rulesets\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posts_WithoutAntiforgeryToken_400AndNothingSaved()
    {
        using var admin = await fixture.App.ClientForAsync("admin");
        var reporter = await AccountIdAsync("reporter-drc");
        var stamp = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == reporter).Select(u => u.ConcurrencyStamp).SingleAsync());
        var audit = await AuditCountAsync();

        var create = await admin.PostAsync("/admin/accounts?handler=Create", Form(new()
        {
            ["Form.UserName"] = "no-token",
            ["Form.Role"] = Roles.Leader,
            ["Form.Password"] = "NoToken2023abc",
        }));
        var disable = await admin.PostAsync($"/admin/accounts/{reporter}?handler=Disable", Form(new() { ["stamp"] = stamp! }));
        var save = await admin.PostAsync("/admin/rulesets?handler=Save&year=2024&month=6", Form(RuleSetFields(version: 0, green: "8")));
        var preview = await admin.PostAsync("/admin/rulesets?handler=Preview&year=2023&month=11", Form(RuleSetFields(version: 0, green: "5")));

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, save.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.DoesNotContain("preview-summary", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(audit, await AuditCountAsync());
        Assert.False(await fixture.App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "no-token")));
        Assert.False(await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == reporter).Select(u => u.Disabled).SingleAsync()));
    }

    [Fact]
    public async Task DisabledAccount_SessionAndTokenStop_AndItCannotSignInAgain()
    {
        // reporter-fengcheng signed in with a browser cookie, and a script of theirs with a token.
        using var browser = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await SignInAsync(browser, "reporter-fengcheng", DemoData.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/reports/missing?year=2023&month=11")).StatusCode);
        using var script = await fixture.App.ClientForAsync("reporter-fengcheng");
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);

        using var admin = await fixture.App.ClientForAsync("admin");
        var id = await AccountIdAsync("reporter-fengcheng");
        var (token, stamp) = await EditFormAsync(admin, id);
        var disable = await admin.PostAsync($"/admin/accounts/{id}?handler=Disable", Form(new() { ["__RequestVerificationToken"] = token, ["stamp"] = stamp }));

        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        var after = await browser.GetAsync("/reports/missing?year=2023&month=11");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);

        using var again = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await SignInAsync(again, "reporter-fengcheng", DemoData.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the sign-in page again, not a redirect into the app
        Assert.Contains("账号已停用", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await fixture.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(AppUser) && a.User == "admin" && a.Changes.Contains("\"Disabled\""))));
    }

    [Fact]
    public async Task CreateAccount_GeneratedPasswordShownOnce_AndSignsIn()
    {
        using var admin = await fixture.App.ClientForAsync("admin");
        var token = MatrixFixture.FormToken(await admin.GetStringAsync("/admin/accounts"));
        var unit = await fixture.App.WithDbAsync(db => db.Units.Where(u => u.Code == "D-DRC").Select(u => u.Code).SingleAsync());

        var response = await admin.PostAsync("/admin/accounts?handler=Create", Form(new()
        {
            ["__RequestVerificationToken"] = token,
            ["Form.UserName"] = "wang.li",
            ["Form.DisplayName"] = "王丽<b>",
            ["Form.Role"] = Roles.Reporter,
            ["Form.UnitCode"] = unit,
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = PasswordShown().Match(html);
        Assert.True(password.Success, "no password shown");
        Assert.Contains("王丽&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("王丽<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Groups[1].Value, await admin.GetStringAsync("/admin/accounts"), StringComparison.Ordinal);

        using var browser = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "wang.li", password.Groups[1].Value)).StatusCode);
    }

    [Fact]
    public async Task CreateAccount_ReporterWithoutUnit_400ChineseErrorNamingTheField()
    {
        using var admin = await fixture.App.ClientForAsync("admin");
        var token = MatrixFixture.FormToken(await admin.GetStringAsync("/admin/accounts"));

        var response = await admin.PostAsync("/admin/accounts?handler=Create", Form(new()
        {
            ["__RequestVerificationToken"] = token,
            ["Form.UserName"] = "no-unit",
            ["Form.Role"] = Roles.Reporter,
            ["Form.Password"] = "short",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"error-unit\">填报员和指挥部账号须指定单位<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-password\">密码至少10位", html, StringComparison.Ordinal);
        Assert.False(await fixture.App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "no-unit")));
    }

    [Fact]
    public async Task DisableLastAdmin_400WithChineseMessage_AndStaleStamp_409()
    {
        using var admin = await fixture.App.ClientForAsync("admin");
        var id = await AccountIdAsync("admin");
        var (token, stamp) = await EditFormAsync(admin, id);

        var last = await admin.PostAsync($"/admin/accounts/{id}?handler=Disable", Form(new() { ["__RequestVerificationToken"] = token, ["stamp"] = stamp }));
        var stale = await admin.PostAsync($"/admin/accounts/{id}?handler=Update", Form(new()
        {
            ["__RequestVerificationToken"] = token,
            ["stamp"] = "an-old-stamp",
            ["displayName"] = "改名",
            ["role"] = Roles.Admin,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, last.StatusCode);
        Assert.Contains("不能停用最后一个启用的系统管理员账号", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => new { u.Disabled, u.DisplayName }).SingleAsync());
        Assert.False(saved.Disabled);
        Assert.NotEqual("改名", saved.DisplayName);
    }

    [Fact]
    public async Task RuleSetSave_InvalidThenValidThenStale()
    {
        using var office = await fixture.App.ClientForAsync("planoffice");
        var token = MatrixFixture.FormToken(await office.GetStringAsync("/admin/rulesets?year=2024&month=6"));
        const string url = "/admin/rulesets?handler=Save&year=2024&month=6";

        var invalid = await office.PostAsync(url, Form(RuleSetFields(0, green: "12", yellow: "8", token: token, extra: new() { ["weights.start"] = "-0.1", ["redListSize"] = "三" })));
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        var saved = await office.PostAsync(url, Form(RuleSetFields(0, green: "8", token: token)));
        var stale = await office.PostAsync(url, Form(RuleSetFields(0, green: "9", token: token)));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("data-testid=\"error-redListSize\">红榜名额应为数字,收到“三”<", invalidHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"error-yellowMaxGapPoints\"", invalidHtml, StringComparison.Ordinal); // parse errors first, nothing half-checked

        var invalidNumbers = await office.PostAsync(url, Form(RuleSetFields(0, green: "12", yellow: "8", token: token, extra: new() { ["weights.start"] = "-0.1" })));
        var numbersHtml = await invalidNumbers.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, invalidNumbers.StatusCode);
        Assert.Contains("data-testid=\"error-yellowMaxGapPoints\">黄色阈值应不小于绿色阈值<", numbersHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-weights.start\">开工权重不能为负数<", numbersHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("data-testid=\"ruleset-conflict\"", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var json = await fixture.App.WithDbAsync(db => db.RuleSets.Where(r => r.Year == 2024).Select(r => r.Json).SingleAsync());
        Assert.Contains("\"greenMaxGapPoints\": 8", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleSetPreview_NarrowerGreen_ShowsCountsAndChangedProjects_NothingSaved()
    {
        using var office = await fixture.App.ClientForAsync("planoffice");
        var token = MatrixFixture.FormToken(await office.GetStringAsync("/admin/rulesets?year=2023&month=11"));
        var audit = await AuditCountAsync();

        var response = await office.PostAsync("/admin/rulesets?handler=Preview&year=2023&month=11", Form(RuleSetFields(0, green: "5", token: token)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("共 220 个项目,13 个改变颜色。", html, StringComparison.Ordinal);
        Assert.Contains("47→34", html, StringComparison.Ordinal);
        Assert.Contains("33→46", html, StringComparison.Ordinal);
        Assert.Equal(13, Regex.Count(html, "data-testid=\"preview-change\""));
        Assert.Equal(audit, await AuditCountAsync());
        Assert.False(await fixture.App.WithDbAsync(db => db.RuleSets.AnyAsync(r => r.Year == 2023)));
    }

    /// <summary>The rule-set form with the published defaults, the given version and thresholds.</summary>
    private static Dictionary<string, string> RuleSetFields(int version, string green, string yellow = "30", string? token = null, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["basis"] = "MonthOverTwelve",
            ["greenMaxGapPoints"] = green,
            ["yellowMaxGapPoints"] = yellow,
            ["startRedAfterMonths"] = "3",
            ["registrationYellowAfterMonths"] = "1",
            ["registrationRedAfterMonths"] = "2",
            ["reportDeadlineDay"] = "5",
            ["weights.investment"] = "0.5",
            ["weights.start"] = "0.15",
            ["weights.milestones"] = "0.1",
            ["weights.problems"] = "0.1",
            ["weights.reports"] = "0.15",
            ["redListSize"] = "3",
            ["blackListSize"] = "3",
            ["indicators.growthYellowPoints"] = "1",
            ["indicators.levelYellowPercent"] = "5",
            ["exemptions[0].unitCode"] = "",
            ["exemptions[0].from"] = "",
            ["exemptions[0].to"] = "",
            ["exemptions[0].reason"] = "",
        };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        foreach (var (k, v) in extra ?? [])
        {
            fields[k] = v;
        }

        return fields;
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    private async Task<(string Token, string Stamp)> EditFormAsync(HttpClient client, int id)
    {
        var html = await client.GetStringAsync($"/admin/accounts/{id}");
        return (MatrixFixture.FormToken(html), StampInput().Match(html).Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password)
    {
        var token = MatrixFixture.FormToken(await client.GetStringAsync("/Account/Login"));
        return await client.PostAsync("/Account/Login", Form(new()
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = user,
            ["Password"] = password,
        }));
    }

    private Task<int> AccountIdAsync(string user) => fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());

    private Task<int> AuditCountAsync() => fixture.App.WithDbAsync(db => db.AuditEntries.CountAsync());

    private async Task<string> FillAsync(string url) =>
        url.Contains("{planoffice}", StringComparison.Ordinal)
            ? url.Replace("{planoffice}", (await AccountIdAsync("planoffice")).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : url;

    [GeneratedRegex("data-testid=\"account-password\">([^<]+)<")]
    private static partial Regex PasswordShown();

    [GeneratedRegex("name=\"stamp\" value=\"([^\"]+)\"")]
    private static partial Regex StampInput();
}

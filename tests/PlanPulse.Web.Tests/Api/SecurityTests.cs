using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Demo;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// The demo app with a script payload saved where users type text: a project's name, a track's name and a problem
/// raised through the API. The sign-in rate limit is raised, since every test here signs in through the form.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public const string Payload = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

    private ApiFactory? _app;

    public WebApplicationFactory<Program> Web { get; private set; } = null!;

    public ApiFactory App => _app!;

    public int Project { get; private set; }

    public async Task InitializeAsync()
    {
        _app = await ApiFactory.CreateAsync(Databases.Sqlite);
        Web = _app.WithWebHostBuilder(b => b.UseSetting("Auth:SignIn:FailuresPerClient", "100000"));
        await using (var scope = Web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything);
            var project = await db.Projects.Include(p => p.Track).OrderBy(p => p.Code).FirstAsync(p => p.Lists.Any(l => l.ProjectList!.Year == 2023));
            project.Name = "项目" + Payload;
            project.Track!.Name = "专项" + Payload;
            await db.SaveChangesAsync();
            Project = project.Id;
        }

        // The problem goes in as a user would raise it: through the API. Raised in January with a January deadline,
        // so it sorts onto the first page of the board.
        using var client = _app.Client();
        var raised = await client.PostAsync(
            new Uri("/api/problems", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { projectId = Project, description = "问题" + Payload, month = "2023-01", deadline = "2023-01-02" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Output encoding, antiforgery, cookie flags, locked months, the audit trail's old and new values, the health probe.</summary>
public sealed class SecurityTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    /// <summary>The app's own HTML encoder settings (see WebApp): Chinese passes through, markup characters do not.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    [Theory]
    [InlineData("project list", "/projects?year=2023&month=11&q=alert")]
    [InlineData("project page", "/projects/{project}?year=2023&month=11")]
    [InlineData("problems board", "/problems?year=2023&month=11")]
    [InlineData("dashboard", "/?year=2023&month=11")]
    public async Task Page_ScriptPayloadInUserText_RendersEncoded(string page, string url)
    {
        using var client = fixture.App.Client();

        var html = await client.GetStringAsync(new Uri(url.Replace("{project}", fixture.Project.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative));

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror=alert(1)>", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.Contains(Encoder.Encode(SecurityFixture.Payload), StringComparison.Ordinal), $"{page}: the payload is not shown as text");
    }

    [Fact]
    public async Task SignIn_Cookie_HttpOnlyAndSameSiteStrict()
    {
        using var client = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SignInAsync(client, "planoffice");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("planpulse.auth=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/projects", UriKind.Relative))).StatusCode);
    }

    public static TheoryData<string, bool, HttpStatusCode> FormPosts() => new()
    {
        { "/reports/entry?unit={unit}&year=2023&month=11", false, HttpStatusCode.BadRequest },
        { "/reports/entry?unit={unit}&year=2023&month=11", true, HttpStatusCode.Redirect },
        { "/problems?year=2023&month=11", false, HttpStatusCode.BadRequest },
        { "/problems?year=2023&month=11", true, HttpStatusCode.OK },
        { "/Account/Login", false, HttpStatusCode.BadRequest },
        { "/Account/Login", true, HttpStatusCode.Redirect },
        { "/Account/Logout", false, HttpStatusCode.BadRequest },
        { "/Account/Logout", true, HttpStatusCode.Redirect },
        { "/?handler=LoadDemo", false, HttpStatusCode.BadRequest },
        { "/?handler=LoadDemo", true, HttpStatusCode.Redirect },
    };

    /// <summary>Signed in with a valid cookie, a form post without the antiforgery token is refused; with it, it goes through.</summary>
    [Theory]
    [MemberData(nameof(FormPosts))]
    public async Task PagePost_CookieWithoutAntiforgeryToken_400(string url, bool withToken, HttpStatusCode expected)
    {
        using var client = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, "planoffice");
        var (unit, project, version) = await fixture.App.WithDbAsync(async db => await db.MonthlyReports
            .Where(r => r.Month == 202311 && r.Status == ReportStatus.Submitted).OrderBy(r => r.Id)
            .Select(r => new ValueTuple<int, int, int>(r.Project!.ResponsibleUnitId, r.ProjectId, r.Version)).FirstAsync());
        var form = new List<KeyValuePair<string, string>>
        {
            new("UserName", "planoffice"),
            new("Password", DemoData.DemoPassword),
            new("Rows[0].ProjectId", project.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Rows[0].Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Rows[0].Amount", "1234"),
        };
        if (withToken)
        {
            form.Add(new("__RequestVerificationToken", MatrixFixture.FormToken(await client.GetStringAsync(new Uri("/Account/Logout", UriKind.Relative)))));
        }

        var response = await client.PostAsync(new Uri(url.Replace("{unit}", unit.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative), new FormUrlEncodedContent(form));

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("/Account/Login?ReturnUrl", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Anonymous_OkWithoutData()
    {
        using var client = fixture.Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", body);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A locked month refuses a report, an approval and a return, and the entry grid is read-only, until the plan
    /// office reopens it, which needs a reason and the office role; after that all of them go through.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task LockedMonth_ChangesRefusedUntilReopenedWithReason(string provider)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        using var office = await app.ClientForAsync("planoffice");
        using var reporter = await app.ClientForAsync("reporter-drc");
        var reports = await app.WithDbAsync(db => db.MonthlyReports
            .Where(r => r.Month == 202311 && r.Status == ReportStatus.Submitted && r.Project!.ResponsibleUnit!.Code == "D-DRC")
            .OrderBy(r => r.Id).Take(3).Select(r => new { r.Id, r.ProjectId, r.Project!.ResponsibleUnitId }).ToListAsync());
        Assert.Equal(3, reports.Count);
        var entry = $"/reports/entry?unit={reports[0].ResponsibleUnitId}&year=2023&month=11";

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(office, "/api/locks/2023-11", new { reason = "11月数据已发布" })).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var submit = await PostAsync(reporter, "/api/reports", new { projectId = reports[0].ProjectId, month = "2023-11", amount = 10 });
        var approve = await PostAsync(office, $"/api/reports/{reports[1].Id}/approve", new { });
        var @return = await PostAsync(office, $"/api/reports/{reports[2].Id}/return", new { reason = "数据有误" });
        var reopenByReporter = await PostAsync(reporter, "/api/locks/2023-11/reopen", new { reason = "想改" });
        var reopenWithoutReason = await PostAsync(office, "/api/locks/2023-11/reopen", new { });
        var lockedGrid = await reporter.GetStringAsync(new Uri(entry, UriKind.Relative));

        foreach (var refused in new[] { submit, approve, @return })
        {
            var body = await refused.Content.ReadAsStringAsync();
            ApiJson.AssertProblem(refused, body, HttpStatusCode.BadRequest);
            Assert.True(ApiJson.Parse(body).GetProperty("errors").TryGetProperty("month", out _), body);
        }

        Assert.Equal(HttpStatusCode.Forbidden, reopenByReporter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reopenWithoutReason.StatusCode);
        Assert.Contains("data-testid=\"entry-readonly\"", lockedGrid, StringComparison.Ordinal);
        Assert.Equal(audit, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(office, "/api/locks/2023-11/reopen", new { reason = "更正凤城项目数据" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(reporter, "/api/reports", new { projectId = reports[0].ProjectId, month = "2023-11", amount = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(office, $"/api/reports/{reports[1].Id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(office, $"/api/reports/{reports[2].Id}/return", new { reason = "数据有误" })).StatusCode);
        Assert.DoesNotContain("data-testid=\"entry-readonly\"", await reporter.GetStringAsync(new Uri(entry, UriKind.Relative)), StringComparison.Ordinal);
    }

    /// <summary>The audit trail holds who changed what from which value to which: a report update, a lock and its reopening.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AuditTrail_ReportUpdateLockReopen_OldAndNewValues(string provider)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        using var office = await app.ClientForAsync("planoffice");
        using var reporter = await app.ClientForAsync("reporter-drc");
        var report = await app.WithDbAsync(db => db.MonthlyReports
            .Where(r => r.Month == 202311 && r.Status == ReportStatus.Submitted && r.Project!.ResponsibleUnit!.Code == "D-DRC")
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.ProjectId, r.Amount, r.Version }).FirstAsync());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(reporter, "/api/reports", new { projectId = report.ProjectId, month = "2023-11", amount = 4321.5m, progress = "主体完工", version = report.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(office, "/api/locks/2023-11", new { reason = "月报截止" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(office, "/api/locks/2023-11/reopen", new { reason = "补报" })).StatusCode);

        var reportHistory = await ApiJson.GetAsync(office, $"/api/history/MonthlyReport/{report.Id}");
        var lockHistory = await ApiJson.GetAsync(office, "/api/history/MonthLock/202311");

        var update = reportHistory.EnumerateArray().First(e => e.GetProperty("action").GetString() == "Updated");
        Assert.Equal("reporter-drc", update.GetProperty("user").GetString());
        var changes = ApiJson.Parse(update.GetProperty("changes").GetString()!);
        Assert.Equal(report.Amount, changes.GetProperty("Amount").GetProperty("old").GetDecimal());
        Assert.Equal(4321.5m, changes.GetProperty("Amount").GetProperty("new").GetDecimal());
        Assert.Equal("主体完工", changes.GetProperty("Progress").GetProperty("new").GetString());
        Assert.Equal(report.Version + 1, changes.GetProperty("Version").GetProperty("new").GetInt32());

        var entries = lockHistory.EnumerateArray().OrderBy(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(["Created", "Updated"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("planoffice", e.GetProperty("user").GetString()));
        var locked = ApiJson.Parse(entries[0].GetProperty("changes").GetString()!);
        var reopened = ApiJson.Parse(entries[1].GetProperty("changes").GetString()!);
        Assert.Equal("月报截止", locked.GetProperty("Reason").GetProperty("new").GetString());
        Assert.False(reopened.GetProperty("Reopened").GetProperty("old").GetBoolean());
        Assert.True(reopened.GetProperty("Reopened").GetProperty("new").GetBoolean());
        Assert.Equal("月报截止", reopened.GetProperty("Reason").GetProperty("old").GetString());
        Assert.Equal("补报", reopened.GetProperty("Reason").GetProperty("new").GetString());
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user)
    {
        var token = MatrixFixture.FormToken(await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative)));
        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("UserName", user),
            new("Password", DemoData.DemoPassword),
            new("__RequestVerificationToken", token),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) =>
        await client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// Every endpoint the app maps (minimal APIs and Razor pages, read from its own <see cref="EndpointDataSource"/>) ×
/// every role and nobody, against a table of expected outcomes. An endpoint without a row fails the build of the
/// matrix, so a new endpoint cannot slip in unreviewed. Every request must leave the audit trail unchanged: reads
/// save nothing, denied writes save nothing, and allowed writes are sent a body that fails validation.
/// </summary>
public sealed partial class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    /// <summary>Allowed; Denied (403; anonymous: 401 on the API, sign-in redirect on pages); Scoped (allowed, and only the principal's rows).</summary>
    private const char A = 'A', D = 'D', S = 'S';

    private enum Check
    {
        None,
        Summary,
        ProjectPage,
        ProjectDetail,
        Rollup,
        Rankings,
        Problems,
        Missing,
        ProjectLinks,
        ProjectDetailPage,
        EntryUnits,
    }

    /// <summary>
    /// One endpoint (method, route pattern as mapped, page handler) and how to call it. <c>Expect</c> has one letter per
    /// column of <see cref="MatrixFixture.Columns"/>: anonymous, admin, planoffice, leader, command-nm, reporter-drc,
    /// commissioner. <c>Ok</c> are the statuses an allowed call may get. URLs take {project} (one the principal sees),
    /// {problem}, {report} and {unit} of the principal.
    /// </summary>
    private sealed record Row(string Method, string Pattern, string? Handler, string Url, string Expect, int[] Ok, Check Check = Check.None, string? Body = null, bool Form = false)
    {
        public string Key => Handler is null ? $"{Method} {Pattern}" : $"{Method} {Pattern} ?handler={Handler}";
    }

    private static readonly int[] Ok200 = [200];

    private static readonly int[] Forbidden403 = [403];

    private static readonly int[] NotFound404 = [404];

    /// <summary>409 for a stale version; 400 "no such problem" for the commissioner, whose one project has no problem.</summary>
    private static readonly int[] StaleOrUnseen = [409, 400];

    //                                                                                                                        anon,admin,office,leader,command,reporter,commissioner
    private static readonly Row[] Matrix =
    [
        // JSON API: reads
        new("GET", "/api/portfolio/summary", null, "/api/portfolio/summary?year=2023&month=6", "DAAASSS", Ok200, Check.Summary),
        new("GET", "/api/projects", null, "/api/projects?year=2023&month=6&pageSize=500", "DAAASSS", Ok200, Check.ProjectPage),
        new("GET", "/api/projects/{id:int}", null, "/api/projects/{project}?year=2023&month=6", "DAAASSS", Ok200, Check.ProjectDetail),
        new("GET", "/api/portfolio/rollup", null, "/api/portfolio/rollup?year=2023&month=6&by=track", "DAAASSS", Ok200, Check.Rollup),
        new("GET", "/api/rankings", null, "/api/rankings?year=2023&month=6", "DAAASSS", Ok200, Check.Rankings),
        new("GET", "/api/problems", null, "/api/problems?year=2023&month=6", "DAAASSS", Ok200, Check.Problems),
        new("GET", "/api/reports/missing", null, "/api/reports/missing?year=2023&month=6", "DAAASSS", Ok200, Check.Missing),
        new("GET", "/api/indicators/", null, "/api/indicators?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "/api/indicators/regions", null, "/api/indicators/regions?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "/api/indicators/five-year", null, "/api/indicators/five-year", "DAAAAAA", Ok200),
        new("GET", "/api/indicators/template", null, "/api/indicators/template?year=2023&month=6", "DAADDDD", Ok200),
        new("GET", "/api/documents/briefing", null, "/api/documents/briefing?year=2023&month=6&format=xlsx", "DAAAAAA", Ok200),
        new("GET", "/api/documents/annual", null, "/api/documents/annual?year=2022", "DAAAAAA", Ok200),
        new("GET", "/api/rulesets/{year:int}", null, "/api/rulesets/2023", "DAAAAAA", Ok200),
        new("GET", "/api/locks/", null, "/api/locks", "DAAAAAA", Ok200),
        new("GET", "/api/me", null, "/api/me", "DAAAAAA", Ok200),
        new("GET", "/api/history/{entity}/{key}", null, "/api/history/Project/{project}", "DAADDDD", Ok200),
        new("GET", "/api/admin/users", null, "/api/admin/users", "DADDDDD", Ok200),
        new("GET", "/api/admin/audit", null, "/api/admin/audit?pageSize=5", "DADDDDD", Ok200),
        new("GET", "/openapi/{documentName}.json", null, "/openapi/v1.json", "DAAAAAA", Ok200),
        new("GET", "/health", null, "/health", "AAAAAAA", Ok200),
        new("GET", "/api/export/projects", null, "/api/export/projects?year=2023&month=6", "DAAASSS", Ok200),
        new("GET", "/api/export/rankings", null, "/api/export/rankings?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "/api/templates/projects", null, "/api/templates/projects?year=2023", "DAADDDD", Ok200),
        new("GET", "/api/templates/reports", null, "/api/templates/reports?year=2023&month=6", "DAADAAA", Ok200),
        new("GET", "/api/templates/plans", null, "/api/templates/plans?year=2023", "DAADDDD", Ok200),
        new("GET", "/api/export/plans", null, "/api/export/plans?year=2023", "DAADDDD", Ok200),
        new("GET", "/api/export/organisation", null, "/api/export/organisation?year=2023", "DAADDDD", Ok200),
        new("GET", "/api/export/library", null, "/api/export/library?year=2023", "DAADDDD", Ok200),
        new("GET", "/api/export/reports", null, "/api/export/reports?month=2023-06", "DAADDDD", Ok200),
        new("GET", "/api/organisation/", null, "/api/organisation?year=2023", "DAADDDD", Ok200),

        // JSON API: writes, sent bodies that fail validation or carry a stale version, so nothing is saved
        new("POST", "/api/reports", null, "/api/reports", "DAADAAA", [400], Body: "{}"),
        new("POST", "/api/problems/", null, "/api/problems", "DAADAAA", [400], Body: """{"projectId":0}"""),
        new("POST", "/api/problems/{id:int}/escalate", null, "/api/problems/{problem}/escalate", "DAADAAA", StaleOrUnseen, Body: """{"version":-1}"""),
        new("POST", "/api/problems/{id:int}/resolve", null, "/api/problems/{problem}/resolve", "DAADAAA", StaleOrUnseen, Body: """{"version":-1,"resolution":"x"}"""),
        new("PUT", "/api/rulesets/{year:int}", null, "/api/rulesets/2023", "DAADDDD", [400], Body: """{"greenMaxGapPoints":-1}"""),
        new("POST", "/api/reports/{id:int}/approve", null, "/api/reports/{report}/approve", "DAADDDD", [409], Body: """{"version":-1}"""),
        new("POST", "/api/reports/{id:int}/return", null, "/api/reports/{report}/return", "DAADDDD", [409], Body: """{"version":-1,"reason":"x"}"""),
        new("POST", "/api/locks/{month}", null, "/api/locks/2023-13", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/locks/{month}/reopen", null, "/api/locks/2023-06/reopen", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/indicators/observations", null, "/api/indicators/observations", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/indicators/import", null, "/api/indicators/import", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/import/projects", null, "/api/import/projects?mode=commit", "DAADDDD", [400], Body: "{}"),
        new("GET", "/api/plan-documents/", null, "/api/plan-documents", "DAADDDD", Ok200),
        new("POST", "/api/plan-documents/", null, "/api/plan-documents", "DAADDDD", [400], Body: "{}"),
        new("GET", "/api/plan-documents/{id:int}", null, "/api/plan-documents/999999", "DAADDDD", [404]),
        new("POST", "/api/plan-documents/{id:int}/accept-matching", null, "/api/plan-documents/999999/accept-matching", "DAADDDD", [400]),
        new("POST", "/api/plan-documents/facts/{id:int}/accept", null, "/api/plan-documents/facts/999999/accept", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/plan-documents/facts/{id:int}/reject", null, "/api/plan-documents/facts/999999/reject", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/plan-documents/facts/{id:int}/reopen", null, "/api/plan-documents/facts/999999/reopen", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/plan-documents/tasks/{id:int}/accept", null, "/api/plan-documents/tasks/999999/accept", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/plan-documents/tasks/{id:int}/reject", null, "/api/plan-documents/tasks/999999/reject", "DAADDDD", [400], Body: "{}"),
        new("GET", "/api/key-tasks/", null, "/api/key-tasks?year=2023", "DAAAAAA", Ok200),
        new("GET", "/api/key-tasks/export", null, "/api/key-tasks/export?year=2023", "DAAAAAA", Ok200),
        new("GET", "/api/key-tasks/{id:int}", null, "/api/key-tasks/999999", "DAAAAAA", NotFound404),
        new("POST", "/api/key-tasks/", null, "/api/key-tasks", "DAADDDD", [400], Body: """{"year":2023}"""),
        new("PUT", "/api/key-tasks/{id:int}", null, "/api/key-tasks/999999", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/key-tasks/{id:int}/progress", null, "/api/key-tasks/999999/progress", "DAADAAA", [400], Body: "{}"),
        new("POST", "/api/import/key-tasks", null, "/api/import/key-tasks?mode=commit&year=2023", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/import/reports", null, "/api/import/reports?mode=commit&month=2023-06", "DAADAAA", [400], Body: "{}"),
        new("POST", "/api/import/plans", null, "/api/import/plans?mode=commit&year=2023", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/import/organisation", null, "/api/import/organisation?mode=commit&year=2023", "DAADDDD", [400], Body: "{}"),
        new("POST", "/api/organisation/units", null, "/api/organisation/units", "DAADDDD", [400], Body: "{}"),
        new("PUT", "/api/organisation/units/{id:int}", null, "/api/organisation/units/1", "DAADDDD", [400, 409], Body: "{}"),
        new("POST", "/api/organisation/people", null, "/api/organisation/people", "DAADDDD", [400], Body: "{}"),
        new("PUT", "/api/organisation/people/{id:int}", null, "/api/organisation/people/1", "DAADDDD", [400, 409], Body: "{}"),
        new("POST", "/api/organisation/tracks", null, "/api/organisation/tracks", "DAADDDD", [400], Body: "{}"),
        new("PUT", "/api/organisation/tracks/{id:int}", null, "/api/organisation/tracks/1", "DAADDDD", [400, 409], Body: "{}"),
        new("POST", "/api/organisation/lists", null, "/api/organisation/lists", "DAADDDD", [400], Body: "{}"),
        new("PUT", "/api/organisation/lists/{id:int}", null, "/api/organisation/lists/1", "DAADDDD", [400, 409], Body: "{}"),

        // Razor pages ("Index" and "" are the same page under two routes)
        new("GET", "", null, "/?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "Index", null, "/Index?year=2023&month=6", "DAAAAAA", Ok200),
        new("POST", "", "LoadDemo", "/?handler=LoadDemo", "DAADDDD", [302], Form: true),
        new("POST", "Index", "LoadDemo", "/Index?handler=LoadDemo", "DAADDDD", [302], Form: true),
        new("GET", "projects", null, "/projects?year=2023&month=6", "DAAASSS", Ok200, Check.ProjectLinks),
        new("GET", "projects/{id:int}", null, "/projects/{project}?year=2023&month=6", "DAAASSS", Ok200, Check.ProjectDetailPage),
        new("GET", "problems", null, "/problems?year=2023&month=6", "DAAASSS", Ok200, Check.ProjectLinks),
        new("GET", "rankings", null, "/rankings?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "reports/entry", null, "/reports/entry?unit={unit}&year=2023&month=6", "DAADSSS", Ok200, Check.EntryUnits),
        new("POST", "reports/entry", null, "/reports/entry?year=2023&month=6", "DAADAAA", Ok200, Form: true),
        new("GET", "documents", null, "/documents?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "Indicators", null, "/Indicators?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "Indicators/Index", null, "/Indicators/Index?year=2023&month=6", "DAAAAAA", Ok200),
        new("GET", "Indicators/FiveYear", null, "/Indicators/FiveYear", "DAAAAAA", Ok200),
        new("GET", "indicators/{id:int}", null, "/indicators/1?year=2023&month=6", "DAAAAAA", Ok200),
        new("POST", "indicators/{id:int}", null, "/indicators/1?year=2023&month=6", "DAADDDD", [200, 400], Form: true),
        new("GET", "Indicators/Entry", null, "/Indicators/Entry?year=2023&month=6", "DAADDDD", Ok200),
        new("POST", "Indicators/Entry", null, "/Indicators/Entry?year=2023&month=6", "DAADDDD", [200, 400], Form: true),
        new("GET", "reports/missing", null, "/reports/missing?year=2023&month=6", "DAAASSS", Ok200, Check.ProjectLinks),
        new("GET", "reports/review", null, "/reports/review?year=2023&month=11", "DAADDDD", Ok200),
        new("POST", "reports/review", "Approve", "/reports/review?handler=Approve&year=2023&month=11", "DAADDDD", [400], Form: true),
        new("POST", "reports/review", "Return", "/reports/review?handler=Return&year=2023&month=11", "DAADDDD", [400], Form: true),
        new("GET", "reports/locks", null, "/reports/locks?year=2023", "DAADDDD", Ok200),
        new("POST", "reports/locks", "Lock", "/reports/locks?handler=Lock&year=2023", "DAADDDD", [400], Form: true),
        new("POST", "reports/locks", "Reopen", "/reports/locks?handler=Reopen&year=2023", "DAADDDD", [400], Form: true),
        new("GET", "import", null, "/import?year=2023&month=6", "DAADAAA", Ok200),
        new("GET", "organisation", null, "/organisation?year=2023", "DAADDDD", Ok200),
        new("GET", "setup", null, "/setup?year=2023", "DAADDDD", Ok200),
        new("POST", "setup", "District", "/setup?handler=District", "DAADDDD", [422], Form: true),
        new("POST", "setup", "RolloverPreview", "/setup?handler=RolloverPreview", "DAADDDD", [422], Form: true),
        new("POST", "setup", "Rollover", "/setup?handler=Rollover", "DAADDDD", [422], Form: true),
        new("GET", "organisation/edit", null, "/organisation/edit?kind=units&id=1&year=2023", "DAADDDD", Ok200),
        new("POST", "organisation/edit", null, "/organisation/edit?kind=units&year=2023", "DAADDDD", [422], Form: true),
        new("POST", "import", "Preview", "/import?handler=Preview&year=2023&month=6", "DAADAAA", Ok200, Form: true),
        new("POST", "import", "Commit", "/import?handler=Commit&year=2023&month=6", "DAADAAA", Ok200, Form: true),
        new("GET", "plan-documents", null, "/plan-documents", "DAADDDD", Ok200),
        new("POST", "plan-documents", null, "/plan-documents", "DAADDDD", [400], Form: true),
        new("GET", "plan-documents/{id:int}", null, "/plan-documents/999999", "DAADDDD", [404]),
        new("POST", "plan-documents/{id:int}", "AcceptFact", "/plan-documents/999999?handler=AcceptFact", "DAADDDD", [404], Form: true),
        new("POST", "plan-documents/{id:int}", "AcceptMatching", "/plan-documents/999999?handler=AcceptMatching", "DAADDDD", [404], Form: true),
        new("POST", "plan-documents/{id:int}", "RejectFact", "/plan-documents/999999?handler=RejectFact", "DAADDDD", [404], Form: true),
        new("POST", "plan-documents/{id:int}", "ReopenFact", "/plan-documents/999999?handler=ReopenFact", "DAADDDD", [404], Form: true),
        new("POST", "plan-documents/{id:int}", "AcceptTask", "/plan-documents/999999?handler=AcceptTask", "DAADDDD", [404], Form: true),
        new("POST", "plan-documents/{id:int}", "RejectTask", "/plan-documents/999999?handler=RejectTask", "DAADDDD", [404], Form: true),
        new("GET", "key-tasks", null, "/key-tasks?year=2023", "DAAAAAA", Ok200),
        new("POST", "key-tasks", "Create", "/key-tasks?handler=Create&year=2023&month=6", "DAADDDD", [400], Form: true),
        new("POST", "key-tasks", "Edit", "/key-tasks?handler=Edit&year=2023&month=6", "DAADDDD", [400], Form: true),
        new("POST", "key-tasks", "Progress", "/key-tasks?handler=Progress&year=2023&month=6", "DAADAAA", [400], Form: true),
        new("GET", "admin/audit", null, "/admin/audit", "DADDDDD", Ok200),
        new("GET", "admin/accounts", null, "/admin/accounts", "DADDDDD", Ok200),
        new("POST", "admin/accounts", "Create", "/admin/accounts?handler=Create", "DADDDDD", [400], Form: true),
        new("GET", "admin/accounts/{id:int}", null, "/admin/accounts/999999", "DADDDDD", [404]),
        new("POST", "admin/accounts/{id:int}", "Update", "/admin/accounts/999999?handler=Update", "DADDDDD", [404], Form: true),
        new("POST", "admin/accounts/{id:int}", "Disable", "/admin/accounts/999999?handler=Disable", "DADDDDD", [404], Form: true),
        new("POST", "admin/accounts/{id:int}", "Enable", "/admin/accounts/999999?handler=Enable", "DADDDDD", [404], Form: true),
        new("POST", "admin/accounts/{id:int}", "ResetPassword", "/admin/accounts/999999?handler=ResetPassword", "DADDDDD", [404], Form: true),
        new("POST", "admin/accounts/{id:int}", "RevokeToken", "/admin/accounts/999999?handler=RevokeToken", "DADDDDD", [404], Form: true),
        new("POST", "admin/accounts/{id:int}", "RevokeAll", "/admin/accounts/999999?handler=RevokeAll", "DADDDDD", [404], Form: true),
        new("GET", "admin/rulesets", null, "/admin/rulesets?year=2023&month=6", "DAADDDD", Ok200),
        new("POST", "admin/rulesets", "Preview", "/admin/rulesets?handler=Preview&year=2023&month=6", "DAADDDD", [400], Form: true),
        new("POST", "admin/rulesets", "Save", "/admin/rulesets?handler=Save&year=2023&month=6", "DAADDDD", [400], Form: true),
        new("GET", "Account/Login", null, "/Account/Login", "AAAAAAA", Ok200),
        new("POST", "Account/Login", null, "/Account/Login", "AAAAAAA", Ok200, Form: true),
        new("GET", "Account/Logout", null, "/Account/Logout", "DAAAAAA", Ok200),
        new("POST", "Account/Logout", null, "/Account/Logout", "DAAAAAA", [302], Form: true),
        // The denied page says so with its status (403), in the app's layout; it opens for everyone, nobody included.
        new("GET", "Account/Denied", null, "/Account/Denied", "AAAAAAA", Forbidden403),
        // Error pages a page request is re-executed to; asked for directly they answer with the code they name.
        new("GET", "status/{code:int}", null, "/status/404", "AAAAAAA", NotFound404),
    ];

    /// <summary>
    /// The only endpoints open to nobody: the sign-in page, the page that says access was denied, and the health probe.
    /// Static files (css, js, echarts) are served by middleware before routing; <see cref="StaticFile_Anonymous_Served"/>.
    /// </summary>
    private static readonly string[] AnonymousEndpoints = ["GET /health", "GET Account/Login", "POST Account/Login", "GET Account/Denied", "GET status/{code:int}"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Matrix)
        {
            foreach (var column in MatrixFixture.Columns)
            {
                data.Add(row.Key, column);
            }
        }

        return data;
    }

    [Fact]
    public async Task Matrix_EveryMappedEndpointHasARow_AndEveryRowAnEndpoint()
    {
        var mapped = await MappedAsync();
        var rows = Matrix.Select(r => r.Key).ToList();

        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Matrix, r => Assert.Equal(MatrixFixture.Columns.Length, r.Expect.Length));
        var missing = mapped.Keys.Except(rows, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "endpoints without a row in the authorisation matrix:\n" + string.Join("\n", missing));
        var stale = rows.Except(mapped.Keys, StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "matrix rows for endpoints the app does not map:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Matrix_OnlyTheListedEndpointsAllowAnonymous()
    {
        var mapped = await MappedAsync();

        var open = mapped.Where(e => e.Value.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        var openInTable = Matrix.Where(r => r.Expect[0] != D).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(AnonymousEndpoints.Order(StringComparer.Ordinal), open);
        Assert.Equal(AnonymousEndpoints.Order(StringComparer.Ordinal), openInTable);
    }

    [Fact]
    public async Task StaticFile_Anonymous_Served()
    {
        using var client = fixture.Web.CreateClient(new() { AllowAutoRedirect = false });

        var css = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        var js = await client.GetAsync(new Uri("/js/site.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_Principal_AsInMatrix(string endpoint, string principal)
    {
        var row = Matrix.Single(r => r.Key == endpoint);
        var who = fixture.Principals[principal];
        var expect = row.Expect[Array.IndexOf(MatrixFixture.Columns, principal)];
        var url = Fill(row.Url, who);
        var audit = await fixture.AuditCountAsync();

        using var response = await SendAsync(who, row, url);
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{row.Method} {url} as {principal} → {(int)response.StatusCode} {response.Headers.Location}: {Short(body)}";

        if (expect == D)
        {
            AssertDenied(row, principal, response, what);
        }
        else
        {
            Assert.True(row.Ok.Contains((int)response.StatusCode), $"expected {string.Join("/", row.Ok)}: {what}");
            Assert.False(IsSignInOrDeniedRedirect(response), what);
            if (expect == S || row.Check != Check.None)
            {
                await AssertScopeAsync(row, who, body, expect == S);
            }
        }

        Assert.Equal(audit, await fixture.AuditCountAsync());
    }

    [Theory]
    [InlineData("command-nm")]
    [InlineData("reporter-drc")]
    [InlineData("commissioner")]
    public async Task Write_OutsideScope_RefusedAndNothingSaved(string principal)
    {
        var who = fixture.Principals[principal];
        var foreignProblem = await ForeignProblemAsync(who);
        var audit = await fixture.AuditCountAsync();

        var report = await PostJsonAsync(who, "/api/reports", $$"""{"projectId":{{who.ForeignProject}},"month":"2023-06","amount":1}""");
        var raise = await PostJsonAsync(who, "/api/problems", $$"""{"projectId":{{who.ForeignProject}},"description":"越权"}""");
        var resolve = await PostJsonAsync(who, $"/api/problems/{foreignProblem}/resolve", """{"resolution":"越权"}""");
        var escalate = await PostJsonAsync(who, $"/api/problems/{foreignProblem}/escalate", "{}");
        var detail = await who.Client.GetAsync(new Uri($"/api/projects/{who.ForeignProject}?year=2023&month=6", UriKind.Relative));

        Assert.False(who.Sees(who.ForeignProject));
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, raise.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, escalate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(audit, await fixture.AuditCountAsync());
    }

    private async Task<int> ForeignProblemAsync(Principal who)
    {
        var all = await ApiJson.GetAsync(fixture.Principals["admin"].Client, "/api/problems?year=2023&month=12");
        return all.EnumerateArray().First(p => !who.Sees(p.GetProperty("projectId").GetInt32())).GetProperty("id").GetInt32();
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(Principal who, string url, string json) =>
        await who.Client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> SendAsync(Principal who, Row row, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), new Uri(url, UriKind.Relative));
        if (row.Body is { } json)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        else if (row.Form)
        {
            // A valid antiforgery token, so a refusal is the authorisation's and an acceptance is not antiforgery's miss.
            request.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", who.FormToken)]);
        }

        return who.Client.SendAsync(request);
    }

    private static void AssertDenied(Row row, string principal, HttpResponseMessage response, string what)
    {
        var page = !row.Pattern.StartsWith('/');
        if (principal != MatrixFixture.Anonymous)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"expected 403: {what}");
        }
        else if (page)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && IsSignInOrDeniedRedirect(response), $"expected a sign-in redirect: {what}");
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"expected 401: {what}");
        }
    }

    private static bool IsSignInOrDeniedRedirect(HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString is { } location
        && (location.Contains("/Account/Login?ReturnUrl=", StringComparison.OrdinalIgnoreCase) || location.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase));

    private async Task AssertScopeAsync(Row row, Principal who, string body, bool scoped)
    {
        var onList = fixture.ListProjects.Where(who.Sees).ToHashSet();
        switch (row.Check)
        {
            case Check.Summary:
                Assert.Equal(onList.Count, ApiJson.Parse(body).GetProperty("projects").GetInt32());
                break;
            case Check.ProjectPage:
                var page = ApiJson.Parse(body);
                var ids = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToHashSet();
                Assert.Equal(onList.Count, page.GetProperty("total").GetInt32());
                Assert.True(onList.SetEquals(ids), $"{who}: project list differs from the projects in scope");
                break;
            case Check.ProjectDetail:
                Assert.Equal(who.OwnProject, ApiJson.Parse(body).GetProperty("project").GetProperty("id").GetInt32());
                if (scoped)
                {
                    var foreign = await who.Client.GetAsync(new Uri($"/api/projects/{who.ForeignProject}?year=2023&month=6", UriKind.Relative));
                    Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
                }

                break;
            case Check.Rollup:
                Assert.Equal(onList.Count, ApiJson.Parse(body).GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("projects").GetInt32()));
                break;
            case Check.Rankings:
                foreach (var table in ApiJson.Parse(body).GetProperty("tables").EnumerateArray())
                {
                    var rows = table.GetProperty("rows").EnumerateArray().ToList();
                    Assert.True(rows.Sum(r => r.GetProperty("projects").GetInt32()) <= onList.Count, $"{who}: a league table counts projects out of scope");
                    if (scoped)
                    {
                        Assert.All(rows, r => Assert.Contains(r.GetProperty("unitName").GetString()!, who.VisibleUnitNames));
                    }
                }

                break;
            case Check.Problems or Check.Missing:
                var mine = ApiJson.Parse(body).EnumerateArray().Select(p => p.GetProperty("projectId").GetInt32()).ToList();
                var url = Fill(row.Url, who);
                var all = (await ApiJson.GetAsync(fixture.Principals["admin"].Client, url)).EnumerateArray().Select(p => p.GetProperty("projectId").GetInt32()).ToList();
                Assert.All(mine, id => Assert.True(who.Sees(id), $"{who} sees project {id} in {url}"));
                Assert.Equal(all.Count(who.Sees), mine.Count);
                if (scoped)
                {
                    Assert.True(mine.Count < all.Count, $"{who}: {url} is not narrower than the admin's");
                }

                break;
            case Check.ProjectLinks:
                var linked = ProjectLink().Matches(body).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                if (row.Pattern == "projects")
                {
                    Assert.NotEmpty(linked);
                }

                Assert.All(linked, id => Assert.True(who.Sees(id), $"{who} is shown project {id}"));
                break;
            case Check.ProjectDetailPage:
                Assert.Contains($"/projects/{who.OwnProject}", body, StringComparison.Ordinal);
                if (scoped)
                {
                    var foreign = await who.Client.GetAsync(new Uri($"/projects/{who.ForeignProject}?year=2023&month=6", UriKind.Relative));
                    Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
                }

                break;
            case Check.EntryUnits:
                var select = body[body.IndexOf("data-testid=\"entry-unit\"", StringComparison.Ordinal)..];
                select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
                var units = UnitOption().Matches(select).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.Contains(who.Unit, units);
                if (scoped)
                {
                    Assert.All(units, u => Assert.Contains(u, who.VisibleResponsibleUnitIds));
                }

                break;
        }
    }

    private static string Fill(string url, Principal who) => url
        .Replace("{project}", who.OwnProject.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{problem}", who.Problem.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{report}", who.Report.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{unit}", who.Unit.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Short(string body) => body.Length > 300 ? body[..300] + "…" : body;

    /// <summary>Every mapped endpoint as "METHOD pattern" (pages: GET plus one key per handler method).</summary>
    private async Task<Dictionary<string, Endpoint>> MappedAsync()
    {
        var services = fixture.Web.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var result = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                result[$"GET {pattern}"] = endpoint;
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod != "Get" || h.Name is not null))
                {
                    var key = $"{handler.HttpMethod.ToUpperInvariant()} {pattern}" + (handler.Name is null ? "" : $" ?handler={handler.Name}");
                    result[key] = endpoint;
                }

                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                result[$"{method} {pattern}"] = endpoint;
            }
        }

        return result;
    }

    [GeneratedRegex("href=\"/projects/(\\d+)")]
    private static partial Regex ProjectLink();

    [GeneratedRegex("<option value=\"(\\d+)\"")]
    private static partial Regex UnitOption();
}

using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Pages;

/// <summary>
/// The workflow pages (review, missing reports, locks, project history, audit search) over HTTP: who may open
/// them, which nav links each role gets, and that text people typed is shown as text, never as markup.
/// </summary>
public sealed class WorkflowPagesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Payload = "<script>alert(1)</script>";
    private const string Encoded = "&lt;script&gt;alert(1)&lt;/script&gt;";

    public static TheoryData<string, string, HttpStatusCode> Matrix() => new()
    {
        { "/reports/review?year=2023&month=11", "admin", HttpStatusCode.OK },
        { "/reports/review?year=2023&month=11", "planoffice", HttpStatusCode.OK },
        { "/reports/review?year=2023&month=11", "leader", HttpStatusCode.Forbidden },
        { "/reports/review?year=2023&month=11", "reporter-drc", HttpStatusCode.Forbidden },
        { "/reports/review?year=2023&month=11", "command-nm", HttpStatusCode.Forbidden },
        { "/reports/review?year=2023&month=11", "commissioner", HttpStatusCode.Forbidden },
        { "/reports/locks?year=2023", "planoffice", HttpStatusCode.OK },
        { "/reports/locks?year=2023", "admin", HttpStatusCode.OK },
        { "/reports/locks?year=2023", "leader", HttpStatusCode.Forbidden },
        { "/reports/locks?year=2023", "reporter-drc", HttpStatusCode.Forbidden },
        { "/reports/missing?year=2023&month=11", "admin", HttpStatusCode.OK },
        { "/reports/missing?year=2023&month=11", "leader", HttpStatusCode.OK },
        { "/reports/missing?year=2023&month=11", "reporter-drc", HttpStatusCode.OK },
        { "/reports/missing?year=2023&month=11", "commissioner", HttpStatusCode.OK },
        { "/documents?year=2023&month=6", "planoffice", HttpStatusCode.OK },
        { "/documents?year=2023&month=6", "leader", HttpStatusCode.OK },
        { "/documents?year=2023&month=6", "reporter-drc", HttpStatusCode.OK },
        { "/documents?year=2023&month=13", "planoffice", HttpStatusCode.BadRequest },
        { "/admin/audit", "admin", HttpStatusCode.OK },
        { "/admin/audit", "planoffice", HttpStatusCode.Forbidden },
        { "/admin/audit", "leader", HttpStatusCode.Forbidden },
        { "/admin/audit", "reporter-drc", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get_Role_AllowedOrRefused(string url, string user, HttpStatusCode expected)
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var client = await app.ClientForAsync(user);

        var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("<h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_Anonymous_RedirectsToSignIn()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var url in new[] { "/reports/review", "/reports/missing", "/reports/locks", "/admin/audit" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("admin", true, true, true)]
    [InlineData("planoffice", true, true, false)]
    [InlineData("leader", false, false, false)]
    [InlineData("reporter-drc", true, false, false)]
    public async Task Nav_Role_ShowsOnlyPagesTheRoleMayOpen(string user, bool entry, bool office, bool audit)
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var client = await app.ClientForAsync(user);

        var html = await client.GetStringAsync("/reports/missing?year=2023&month=11");

        Assert.Equal(entry, html.Contains("data-testid=\"nav-entry\"", StringComparison.Ordinal));
        Assert.Equal(office, html.Contains("data-testid=\"nav-review\"", StringComparison.Ordinal));
        Assert.Equal(office, html.Contains("data-testid=\"nav-locks\"", StringComparison.Ordinal));
        Assert.Equal(audit, html.Contains("data-testid=\"nav-audit\"", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"nav-missing\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_Reporter_OnlyOwnUnitsProjects()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var reporter = await app.ClientForAsync("reporter-drc");
        using var office = await app.ClientForAsync("planoffice");

        // December has no demo reports, so every project on the list is missing.
        var mine = await reporter.GetStringAsync("/reports/missing?year=2023&month=12");
        var all = await office.GetStringAsync("/reports/missing?year=2023&month=12");

        var drc = await app.WithDbAsync(db => db.ProjectListEntries.CountAsync(e => e.ProjectList!.Year == 2023 && e.ProjectList.Code == "annual-major" && e.Project!.ResponsibleUnit!.Code == "D-DRC"));
        var total = await app.WithDbAsync(db => db.ProjectListEntries.CountAsync(e => e.ProjectList!.Year == 2023 && e.ProjectList.Code == "annual-major"));
        Assert.True(drc > 0 && drc < total);
        Assert.Equal(drc, Count(mine, "data-testid=\"missing-row\""));
        Assert.Equal(1, Count(mine, "data-testid=\"missing-unit\""));
        Assert.Contains($"data-testid=\"missing-total\">{drc}<", mine, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"missing-total\">{total}<", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ReporterOwnProjectShown_OtherUnitsProjectNotFound()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var reporter = await app.ClientForAsync("reporter-drc");
        using var leader = await app.ClientForAsync("leader");
        var own = await app.WithDbAsync(db => db.Projects.Where(p => p.ResponsibleUnit!.Code == "D-DRC").Select(p => p.Id).FirstAsync());
        var other = await app.WithDbAsync(db => db.Projects.Where(p => p.ResponsibleUnit!.Code != "D-DRC" && p.Command!.Code != "D-DRC" && p.Town!.Code != "D-DRC").Select(p => p.Id).FirstAsync());

        var ownPage = await reporter.GetAsync($"/projects/{own}?year=2023&month=11&tab=history");
        var otherPage = await reporter.GetAsync($"/projects/{other}?year=2023&month=11&tab=history");
        var leaderPage = await leader.GetAsync($"/projects/{other}?year=2023&month=11&tab=history");

        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        Assert.Contains("data-testid=\"history-table\"", await ownPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherPage.StatusCode);
        Assert.DoesNotContain("data-testid=\"history-table\"", await otherPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, leaderPage.StatusCode);
        Assert.Contains("data-testid=\"history-table\"", await leaderPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_BadDate_ChineseErrorAnd400()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var admin = await app.ClientForAsync("admin");

        var response = await admin.GetAsync("/admin/audit?from=2023-13-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("起始日期应为 yyyy-MM-dd", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Project names, progress texts and return reasons come from users: each page shows them as text.</summary>
    [Fact]
    public async Task WorkflowPages_ScriptPayloadInUserText_RenderedAsText()
    {
        await using var app = await ApiFactory.CreateAsync(Databases.Sqlite);
        var (projectId, unitId) = await app.WithDbAsync(async db =>
        {
            var projects = await db.Projects.Where(p => p.ResponsibleUnit!.Code == "D-DRC").OrderBy(p => p.Id).Take(2).ToListAsync();
            projects[0].Name = Payload;
            db.MonthlyReports.Add(new MonthlyReport { ProjectId = projects[0].Id, Month = 202312, Amount = 10, Progress = Payload, Status = ReportStatus.Submitted, SubmittedBy = Payload, SubmittedAt = new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc) });
            db.MonthlyReports.Add(new MonthlyReport { ProjectId = projects[1].Id, Month = 202312, Amount = 10, Status = ReportStatus.Returned, ReturnReason = Payload, ReviewedBy = "planoffice" });
            await db.SaveChangesAsync();
            return (projects[0].Id, projects[0].ResponsibleUnitId);
        });
        using var admin = await app.ClientForAsync("admin");

        string[] urls =
        [
            "/reports/review?year=2023&month=12",
            "/reports/missing?year=2023&month=12",
            $"/projects/{projectId}?year=2023&month=12&tab=history",
            "/admin/audit",
            $"/reports/entry?unit={unitId}&year=2023&month=12",
        ];
        foreach (var url in urls)
        {
            var response = await admin.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {response.StatusCode}");
            Assert.Contains(Encoded, html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        }
    }

    private static int Count(string html, string marker)
    {
        var n = 0;
        for (var i = html.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = html.IndexOf(marker, i + marker.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    /// <summary>
    /// One display rule for amounts: the project page shows 亿元 with two decimals as the list does (it once showed
    /// 2.6964 where the list said 2.70), and the review page shows each report in 万元, as units report it.
    /// </summary>
    [Fact]
    public async Task AmountPages_ShowAmountsByTheOneRule()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        using var client = await app.ClientForAsync("planoffice");
        var projects = await app.WithDbAsync(db => db.Projects.OrderBy(p => p.Code).Select(p => new { p.Id, p.TotalInvestment }).ToListAsync());
        var project = projects.First(p => p.TotalInvestment % 100m != 0m); // one that four decimals of 亿元 would show differently

        var detail = await client.GetStringAsync(new Uri($"/projects/{project.Id}?year=2023&month=11", UriKind.Relative));

        Assert.Contains($"data-testid=\"project-total\">{PlanPulse.Domain.Amounts.AmountDisplay.Yi(project.TotalInvestment)}</dd>", detail, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"class=""num(-dd)?""[^>]*>-?[\d,]+\.\d{3,}<", detail);

        var review = await client.GetStringAsync(new Uri("/reports/review?year=2023&month=11", UriKind.Relative));
        var amounts = System.Text.RegularExpressions.Regex.Matches(review, @"data-testid=""review-amount"">([^<]*)<").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(amounts);
        Assert.All(amounts, a => Assert.Matches(@"^-?\d{1,3}(,\d{3})*(\.\d{1,2})?$", a));
        Assert.Contains("本月完成投资(万元)", review, StringComparison.Ordinal);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Web.Tests.Browser;

/// <summary>
/// The monthly workflow through the pages, as people do it: a unit reporter submits, the plan office approves one
/// report and returns one, the reporter sees why; a report changed under the reviewer is a conflict, not a silent
/// approval; months lock and reopen with a reason. The class has its own server and demo database (a class
/// fixture, not the shared collection), because it changes the workflow state other browser tests read.
/// </summary>
public sealed class ReviewWorkflowPageTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private const string Reason = "12月完成投资与统计口径不符,请核实后重报";

    [Fact]
    public async Task ReporterSubmits_OfficeApprovesOneReturnsOne_ReporterSeesReason()
    {
        var unit = await WithDbAsync(db => db.Units.Where(u => u.Code == "D-DRC").Select(u => u.Id).SingleAsync());

        // 1. The reporter fills every row of their unit's grid for December and submits.
        var page = await app.NewPageAsync("reporter-drc");
        await page.GotoAsync("/reports/entry?year=2023&month=12");
        await page.GetByTestId("entry-unit").SelectOptionAsync(unit.ToString(CultureInfo.InvariantCulture));
        await page.WaitForURLAsync(u => u.Contains("unit=", StringComparison.Ordinal));
        var rows = page.GetByTestId("entry-row");
        var count = await rows.CountAsync();
        Assert.True(count >= 2, $"the reporter's unit should have at least two projects, has {count}");
        var projects = new List<int>();
        for (var i = 0; i < count; i++)
        {
            projects.Add(int.Parse((await rows.Nth(i).GetAttributeAsync("data-project"))!, CultureInfo.InvariantCulture));
            await rows.Nth(i).GetByTestId("entry-amount").FillAsync((100 + i).ToString(CultureInfo.InvariantCulture));
            await rows.Nth(i).GetByTestId("entry-progress").FillAsync($"12月:第{i + 1}项主体施工");
        }

        await page.GetByTestId("entry-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("entry-saved")).ToContainTextAsync(count.ToString(CultureInfo.InvariantCulture));
        var submitted = await WithDbAsync(db => db.MonthlyReports.Where(r => r.Month == 202312).ToListAsync());
        Assert.Equal(projects.Order(), submitted.Select(r => r.ProjectId).Order());
        Assert.All(submitted, r => Assert.Equal(ReportStatus.Submitted, r.Status));
        Assert.All(submitted, r => Assert.Equal("reporter-drc", r.SubmittedBy));

        // The reporter has no review page: no link, and the page itself is refused.
        await Assertions.Expect(page.GetByTestId("nav-review")).ToHaveCountAsync(0);
        await page.GotoAsync("/reports/review?year=2023&month=12");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Denied"));
        await page.GotoAsync("/");
        await SignOutAsync(page);

        // 2. The plan office reviews December: every submitted report is listed.
        await BrowserFixture.SignInAsync(page, "planoffice", PlanPulse.App.Features.Demo.DemoData.DemoPassword);
        await Assertions.Expect(page.GetByTestId("nav-review")).ToBeVisibleAsync();
        await page.GotoAsync("/reports/review?year=2023&month=12");
        await Assertions.Expect(page.GetByTestId("review-row")).ToHaveCountAsync(count);
        await Assertions.Expect(page.GetByTestId("count-submitted")).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
        var approveId = projects[0];
        var returnId = projects[1];
        var approveRow = page.Locator($"[data-testid=review-row][data-project='{approveId}']");
        var returnRow = page.Locator($"[data-testid=review-row][data-project='{returnId}']");
        await Assertions.Expect(approveRow).ToContainTextAsync("reporter-drc");
        await Assertions.Expect(approveRow).ToContainTextAsync("12月:第1项主体施工");

        // Returning without a reason is refused in Chinese and saves nothing.
        await returnRow.GetByTestId("review-return").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-error")).ToContainTextAsync("退回须填写原因");
        Assert.Equal(ReportStatus.Submitted, await StatusAsync(returnId));

        await approveRow.GetByTestId("review-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-done")).ToContainTextAsync("已审核通过");
        await returnRow.GetByTestId("review-reason").FillAsync(Reason);
        await returnRow.GetByTestId("review-return").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-done")).ToContainTextAsync("已退回");
        await Assertions.Expect(page.GetByTestId("count-approved")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-returned")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("review-row")).ToHaveCountAsync(count - 2);
        await BrowserFixture.ScreenshotAsync(page, "review");

        var reviewed = await WithDbAsync(db => db.MonthlyReports.Where(r => r.Month == 202312 && (r.ProjectId == approveId || r.ProjectId == returnId)).ToDictionaryAsync(r => r.ProjectId));
        Assert.Equal(ReportStatus.Approved, reviewed[approveId].Status);
        Assert.Equal(ReportStatus.Returned, reviewed[returnId].Status);
        Assert.Equal(Reason, reviewed[returnId].ReturnReason);
        Assert.All(reviewed.Values, r => Assert.Equal("planoffice", r.ReviewedBy));

        // The project's history tab shows the review as old → new.
        await page.GotoAsync($"/projects/{returnId}?year=2023&month=12&tab=history");
        var returned = page.Locator("[data-testid=history-row][data-entity=MonthlyReport]").Filter(new() { HasText = "已退回" });
        await Assertions.Expect(returned).ToHaveCountAsync(1);
        await Assertions.Expect(returned).ToContainTextAsync("已报送");
        await Assertions.Expect(returned).ToContainTextAsync(Reason);
        await Assertions.Expect(returned).ToContainTextAsync("planoffice");
        await BrowserFixture.ScreenshotAsync(page, "project-history");
        await SignOutAsync(page);

        // 3. The reporter sees the returned report's reason in the grid and on the missing-reports page.
        await BrowserFixture.SignInAsync(page, "reporter-drc", PlanPulse.App.Features.Demo.DemoData.DemoPassword);
        await page.GotoAsync($"/reports/entry?unit={unit}&year=2023&month=12");
        await Assertions.Expect(page.Locator($"tr[data-project='{returnId}'] [data-testid=return-reason]")).ToContainTextAsync(Reason);
        await Assertions.Expect(page.Locator($"tr[data-project='{approveId}'] [data-testid=entry-status]")).ToHaveTextAsync("已审核");
        await Assertions.Expect(page.Locator($"tr[data-project='{approveId}'] [data-testid=return-reason]")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "entry-returned");

        await Assertions.Expect(page.GetByTestId("nav-missing")).ToBeVisibleAsync();
        await page.GotoAsync("/reports/missing?year=2023&month=12");
        var missing = page.GetByTestId("missing-row");
        await Assertions.Expect(missing).ToHaveCountAsync(1);
        await Assertions.Expect(missing.GetByTestId("missing-state")).ToHaveTextAsync("已退回");
        await Assertions.Expect(missing.GetByTestId("missing-reason")).ToHaveTextAsync(Reason);
        Assert.Equal(returnId.ToString(CultureInfo.InvariantCulture), await missing.GetAttributeAsync("data-project"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Approve_ReportChangedSinceThePageWasShown_ConflictShownNothingSaved()
    {
        // November's demo reports are submitted and waiting for review.
        var page = await app.NewPageAsync("planoffice");
        await page.GotoAsync("/reports/review?year=2023&month=11");
        var row = page.GetByTestId("review-row").First;
        var reportId = int.Parse((await row.GetAttributeAsync("data-report"))!, CultureInfo.InvariantCulture);
        var projectId = int.Parse((await row.GetAttributeAsync("data-project"))!, CultureInfo.InvariantCulture);

        // Meanwhile the unit corrects the figure: same status, new version.
        await WithDbAsync(async db =>
        {
            db.AuditUser = "unit-reporter";
            await SubmitMonthlyReport.HandleAsync(db, new SubmitMonthlyReportCommand(null, projectId, "202311", "777", "11月:更正后的形象进度", null, null), "unit-reporter", TimeProvider.System);
            return 0;
        });

        await row.GetByTestId("review-approve").ClickAsync();

        var conflict = page.GetByTestId("review-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("已被修改");
        await Assertions.Expect(conflict.GetByTestId("conflict-status")).ToHaveTextAsync("已报送");
        await Assertions.Expect(conflict.GetByTestId("conflict-changes")).ToContainTextAsync("777");
        await Assertions.Expect(conflict).ToContainTextAsync("unit-reporter");
        var report = await WithDbAsync(db => db.MonthlyReports.SingleAsync(r => r.Id == reportId));
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Null(report.ReviewedBy);
        await BrowserFixture.ScreenshotAsync(page, "review-conflict");
        await conflict.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ShotsFolder, "review-conflict-alert.png") });

        // The page now shows the new version, so approving again works.
        await page.Locator($"[data-testid=review-row][data-report='{reportId}'] [data-testid=review-approve]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-done")).ToBeVisibleAsync();
        Assert.Equal(ReportStatus.Approved, await WithDbAsync(db => db.MonthlyReports.Where(r => r.Id == reportId).Select(r => r.Status).SingleAsync()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Locks_LockThenReopenWithoutReason_RefusedThenReopensWithReason()
    {
        const int october = 202310;
        var page = await app.NewPageAsync("planoffice");
        await page.GotoAsync("/reports/locks?year=2023");
        var row = page.Locator($"[data-testid=lock-row][data-month='{october}']");
        await Assertions.Expect(row.GetByTestId("lock-state")).ToHaveTextAsync("开放");

        await row.GetByTestId("lock-reason").FillAsync("10月数据已发布");
        await row.GetByTestId("lock-lock").ClickAsync();
        await Assertions.Expect(page.GetByTestId("locks-done")).ToContainTextAsync("已锁定");
        await Assertions.Expect(row.GetByTestId("lock-state")).ToHaveTextAsync("已锁定");
        await Assertions.Expect(row).ToContainTextAsync("planoffice");
        Assert.True(await WithDbAsync(db => MonthLocks.IsLockedAsync(db, new PlanPulse.Domain.Periods.YearMonth(2023, 10))));

        // A locked month's grid is read-only; the review page says why its buttons are off.
        await page.GotoAsync("/reports/review?year=2023&month=10");
        await Assertions.Expect(page.GetByTestId("review-locked")).ToBeVisibleAsync();

        await page.GotoAsync("/reports/locks?year=2023");
        await row.GetByTestId("lock-reopen").ClickAsync();
        await Assertions.Expect(page.GetByTestId("locks-error")).ToContainTextAsync("须填写原因");
        Assert.True(await WithDbAsync(db => MonthLocks.IsLockedAsync(db, new PlanPulse.Domain.Periods.YearMonth(2023, 10))));
        await BrowserFixture.ScreenshotAsync(page, "locks-error");

        await row.GetByTestId("lock-reason").FillAsync("统计局反馈10月数据需更正");
        await row.GetByTestId("lock-reopen").ClickAsync();
        await Assertions.Expect(page.GetByTestId("locks-done")).ToContainTextAsync("已重新开放");
        await Assertions.Expect(row.GetByTestId("lock-state")).ToHaveTextAsync("已重新开放");
        await Assertions.Expect(row).ToContainTextAsync("统计局反馈10月数据需更正");
        Assert.False(await WithDbAsync(db => MonthLocks.IsLockedAsync(db, new PlanPulse.Domain.Periods.YearMonth(2023, 10))));
        await BrowserFixture.ScreenshotAsync(page, "locks");
        await page.Context.CloseAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/Account/Login", StringComparison.Ordinal));
    }

    private Task<ReportStatus> StatusAsync(int projectId) =>
        WithDbAsync(db => db.MonthlyReports.Where(r => r.Month == 202312 && r.ProjectId == projectId).Select(r => r.Status).SingleAsync());

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApplyScope(DataScope.Everything); // the test reads and seeds as the system, not as a request
        return await query(db);
    }
}

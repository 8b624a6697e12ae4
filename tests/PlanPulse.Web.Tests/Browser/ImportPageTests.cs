using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ImportPageTests(BrowserFixture app)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The plan office uploads a plan sheet with one bad row: the problem is listed with its sheet, row and column and
    /// nothing is saved, not even the good row. The fixed sheet previews clean, commits, and the project page shows
    /// the new milestone. The change is a 投产 milestone due in December, which no other test's month reaches.
    /// </summary>
    [Fact]
    public async Task PlanSheet_BadRowListedAndNothingSaved_FixedSheetCommitsAndProjectPageShowsIt()
    {
        var (first, second) = await TwoPlansWithoutOperationAsync();
        byte[] Sheet(string secondMonth) => Build(
            ["项目代码", "年度计划投资(万元)", "计划投产月份"],
            [first.Code, (double)first.Planned, "2023-12"],
            [second.Code, (double)second.Planned, secondMonth]);

        var page = await app.NewPageAsync();
        await page.GotoAsync("/import?year=2023&month=6&culture=zh-CN");
        await page.GetByTestId("import-kind").SelectOptionAsync("plans");
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "年度计划.xlsx", MimeType = Xlsx, Buffer = Sheet("2024-01") });
        await page.GetByTestId("import-preview").ClickAsync();

        var problem = page.Locator("[data-testid=import-problem][data-row='3']");
        await Assertions.Expect(problem).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("import-problem")).ToHaveCountAsync(1);
        await Assertions.Expect(problem.Locator("td").Nth(0)).ToHaveTextAsync("年度计划");
        await Assertions.Expect(problem.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Assertions.Expect(problem.Locator("td").Nth(2)).ToHaveTextAsync("C列 计划投产月份");
        await Assertions.Expect(problem.Locator("td").Nth(3)).ToHaveTextAsync("计划投产月份2024年1月不在2023年内:年度计划只列本年的节点");
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("有问题,尚未保存。");
        await Assertions.Expect(page.GetByTestId("import-commit")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "import-plans-problem");
        Assert.Equal(0, await OperationMilestonesAsync(first.Id, second.Id));

        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload { Name = "年度计划.xlsx", MimeType = Xlsx, Buffer = Sheet("2023-11") });
        await page.GetByTestId("import-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("将新增 0,修改 2,无变化 0;有误 0 行");
        await Assertions.Expect(page.GetByTestId("import-problem")).ToHaveCountAsync(0);
        Assert.Equal(0, await OperationMilestonesAsync(first.Id, second.Id));
        await page.GetByTestId("import-commit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("import-done")).ToContainTextAsync("已保存:新增 0,修改 2,无变化 0");
        Assert.Equal(2, await OperationMilestonesAsync(first.Id, second.Id));

        await page.GotoAsync($"/projects/{second.Id}?year=2023&month=6&culture=zh-CN");
        var row = page.GetByTestId("milestone-table").Locator("tr", new() { HasText = "投产" });
        await Assertions.Expect(row).ToContainTextAsync("2023年11月");
        await Assertions.Expect(row).ToContainTextAsync("未到期");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ImportPage_English_EveryLabelTranslated()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/import?year=2023&month=6&culture=en");

        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Excel import");
        await Assertions.Expect(page.GetByTestId("template-plans")).ToHaveTextAsync("2023 annual plan template");
        await Assertions.Expect(page.GetByTestId("import-kind").Locator("option[value=plans]")).ToHaveTextAsync("2023 annual plans (updated by project code)");
        await Assertions.Expect(page.GetByTestId("import-preview")).ToHaveTextAsync("Upload and preview");

        // No Chinese is left in the page's own text (names of data, like a unit's, are not on this page).
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", text);
        await page.Context.CloseAsync();
    }

    private sealed record Plan(int Id, string Code, decimal Planned);

    private static byte[] Build(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => r.Select((v, i) => (k: ((char)('A' + i)).ToString(), v)).ToDictionary(x => x.k, x => x.v)).ToList(), printHeader: false, sheetName: "年度计划");
        return stream.ToArray();
    }

    /// <summary>The last two annual-major projects by code whose plan has no 投产 milestone and which never reached one.</summary>
    private async Task<(Plan First, Plan Second)> TwoPlansWithoutOperationAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApplyScope(DataScope.Everything); // the test reads as the system, not as a request
        var plans = await db.AnnualPlans.AsNoTracking()
            .Where(a => a.Year == 2023 && a.Milestones.All(m => m.Kind != MilestoneKind.Operation)
                && db.ProjectListEntries.Any(e => e.ProjectId == a.ProjectId && e.ProjectList!.Code == PortfolioEvaluator.AnnualMajorList)
                && !db.ReachedMilestones.Any(r => r.ProjectId == a.ProjectId && r.Kind == MilestoneKind.Operation))
            .OrderByDescending(a => a.Project!.Code).Take(2)
            .Select(a => new Plan(a.ProjectId, a.Project!.Code, a.PlannedInvestment)).ToListAsync();
        return (plans[0], plans[1]);
    }

    private async Task<int> OperationMilestonesAsync(params int[] projects)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApplyScope(DataScope.Everything); // the test reads as the system, not as a request
        return await db.PlannedMilestones.CountAsync(m => m.Kind == MilestoneKind.Operation
            && db.AnnualPlans.Any(a => a.Id == m.AnnualPlanId && a.Year == 2023 && projects.Contains(a.ProjectId)));
    }
}

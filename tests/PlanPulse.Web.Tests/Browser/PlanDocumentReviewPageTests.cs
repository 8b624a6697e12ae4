using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PlanPulse.App.Features.PlanDocuments;

namespace PlanPulse.Web.Tests.Browser;

/// <summary>Reading a plan document in the browser: upload the seed, review a fact beside its quote, find it on the indicator page.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlanDocumentReviewPageTests(BrowserFixture app)
{
    internal static string SeedPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlanPulse.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "tests", "fixtures", "seed", "000_6da318eeea9b20a6.txt");
    }

    private async Task<(IPage Page, int Id)> UploadSeedAsync()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/plan-documents");
        await page.GetByTestId("upload-file").SetInputFilesAsync(SeedPath());
        await page.GetByTestId("upload-submit").ClickAsync();
        await page.WaitForURLAsync(ReviewUrl());
        return (page, int.Parse(ReviewUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task UploadSeed_AcceptAFact_ItsFigureAndSentenceOnTheIndicatorPage()
    {
        var (page, id) = await UploadSeedAsync();
        var doc = await app.GetJsonAsync<PlanDocumentDto>($"/api/plan-documents/{id}");
        Assert.True(doc.Facts.Count >= 186, $"{doc.Facts.Count} facts");

        // Every pending fact has its quote marked in the text; the cards come a page at a time.
        await Assertions.Expect(page.GetByTestId("fact-card")).ToHaveCountAsync(Math.Min(doc.Facts.Count, PlanPulse.Pages.PlanDocuments.ReviewModel.PageSize));
        await Assertions.Expect(page.GetByTestId("review-pager").Locator("a")).ToHaveCountAsync((doc.Facts.Count + PlanPulse.Pages.PlanDocuments.ReviewModel.PageSize - 1) / PlanPulse.Pages.PlanDocuments.ReviewModel.PageSize);
        Assert.True(await page.Locator("mark.q-pending").CountAsync() > 100);
        await BrowserFixture.ScreenshotAsync(page, "plan-review", fullPage: false);

        var fact = doc.Facts.Single(f => f.Metric == "一般公共預算收入" && f.Year == 2022);
        var best = Assert.Single(fact.Suggestions.Take(1));
        Assert.Equal("一般公共预算收入", best.Name);
        var card = page.Locator($"[data-testid=fact-card][data-id='{fact.Id}']");
        await Assertions.Expect(card.GetByTestId("fact-indicator")).ToHaveValueAsync(best.Code);

        // Clicking the quote in the text brings its card forward (the marks and cards point at each other).
        await page.Locator("mark.q", new() { HasText = "一般公共預算收入完成50.4億元" }).First.ClickAsync();
        await Assertions.Expect(card).ToHaveClassAsync(new Regex("flash"));
        await BrowserFixture.ScreenshotAsync(page, "plan-review-card", fullPage: false);

        await card.GetByTestId("fact-accept").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid=fact-card][data-id='{fact.Id}']")).ToHaveCountAsync(0);
        var after = await app.GetJsonAsync<PlanDocumentDto>($"/api/plan-documents/{id}");
        Assert.Equal("accepted", after.Facts.Single(f => f.Id == fact.Id).Status);

        await page.GetByTestId("review-done-indicator").ClickAsync();
        await page.WaitForURLAsync(new Regex("/indicators/\\d+"));
        var row = page.GetByTestId("history-table").Locator("tbody tr[data-period='2022']");
        await Assertions.Expect(row).ToContainTextAsync("50.4");
        await Assertions.Expect(row).ToContainTextAsync("文档:000_6da318eeea9b20a6.txt");
        await Assertions.Expect(row).ToContainTextAsync(fact.Quote);
        await BrowserFixture.ScreenshotAsync(page, "plan-review-indicator");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReviewPage_BadCorrectionShownOnItsCardNothingSaved_ThenReject()
    {
        var (page, id) = await UploadSeedAsync();
        var doc = await app.GetJsonAsync<PlanDocumentDto>($"/api/plan-documents/{id}");
        var fact = doc.Facts.First(f => f.Metric == "地區生產總值");
        var card = page.Locator($"[data-testid=fact-card][data-id='{fact.Id}']");

        await card.GetByTestId("fact-edit-value").FillAsync("约919亿");
        await card.GetByTestId("fact-accept").ClickAsync();
        card = page.Locator($"[data-testid=fact-card][data-id='{fact.Id}']");
        await Assertions.Expect(card.GetByTestId("fact-error")).ToContainTextAsync("数值“约919亿”是约数,无法准确读取金额,请填写确数");
        await Assertions.Expect(card.GetByTestId("fact-edit-value")).ToHaveValueAsync("约919亿");
        var unchanged = (await app.GetJsonAsync<PlanDocumentDto>($"/api/plan-documents/{id}")).Facts.Single(f => f.Id == fact.Id);
        Assert.Equal(("pending", fact.Version, 918.6m), (unchanged.Status, unchanged.Version, unchanged.Value));

        await card.Locator("input[name='Fact.Reason']").FillAsync("与上文重复");
        await card.GetByTestId("fact-reject").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-done")).ToBeVisibleAsync();
        await page.GetByTestId("status-rejected").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=fact-card][data-id='{fact.Id}']")).ToContainTextAsync("与上文重复");
        Assert.True(await page.Locator("mark.q-rejected").CountAsync() >= 1);

        // A commitment of the plan part joins the year's key-task list with the units the reviewer names.
        await page.GetByTestId("tab-tasks").ClickAsync();
        var task = doc.Tasks.First(t => t.Year == 2023);
        var taskCard = page.Locator($"[data-testid=task-card][data-id='{task.Id}']");
        // Lead and co-units are picked from the unit list, so the task is tracked by units that exist.
        await taskCard.GetByTestId("task-lead").SelectOptionAsync("D-DRC");
        await taskCard.GetByTestId("task-co").SelectOptionAsync("D-EIC");
        await taskCard.GetByTestId("task-accept").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-done")).ToBeVisibleAsync();
        await page.GotoAsync("/key-tasks?year=2023");
        // The list keeps tasks in simplified characters, whatever script the document was in.
        var keyRow = page.GetByTestId("key-task-row").Filter(new() { HasText = PlanPulse.Domain.Text.Chinese.ToSimplified(task.Text) });
        await Assertions.Expect(keyRow).ToHaveCountAsync(1);
        await Assertions.Expect(keyRow).ToContainTextAsync("区发展改革委");
        await Assertions.Expect(keyRow).ToContainTextAsync("区经济信息委");
        await BrowserFixture.ScreenshotAsync(page, "key-tasks-accepted");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/plan-documents/(\d+)")]
    private static partial Regex ReviewUrl();
}

using Microsoft.Playwright;
using PlanPulse.App.Features.Indicators;

namespace PlanPulse.Web.Tests.Browser;

/// <summary>The indicator dashboard, an indicator's page and the five-year page, against the API's figures.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IndicatorPagesTests(BrowserFixture app)
{
    [Fact]
    public async Task IndicatorPages_June2023_RedCardReasonChartAndFiveYearVerdict()
    {
        var api = await app.GetJsonAsync<IndicatorsDto>("/api/indicators?year=2023&month=6");
        var red = api.Rows.First(r => r.Colour == "red");
        var page = await app.NewPageAsync();

        await page.GotoAsync("/indicators?year=2023&month=6");

        // Counts by colour agree with the API, and the red card shows the API's figure and reason.
        Assert.Equal(api.Rows.Count(r => r.Colour == "red").ToString(System.Globalization.CultureInfo.InvariantCulture), (await page.GetByTestId("indicator-count-red").InnerTextAsync()).Trim());
        var card = page.Locator($"[data-testid=indicator-card][data-code='{red.Code}']");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-colour", "red");
        await Assertions.Expect(card).ToHaveAttributeAsync("title", red.Reason);
        await Assertions.Expect(card.GetByTestId("card-actual")).ToHaveTextAsync(red.Actual is { } actual
            ? PlanPulse.Pages.Indicators.IndicatorPageModel.Number(actual)
            : PlanPulse.Pages.Indicators.IndicatorPageModel.Growth(red.Growth));
        await card.Locator("details summary").ClickAsync();
        await Assertions.Expect(card.GetByTestId("card-reason")).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("card-reason")).ToHaveTextAsync(red.Reason);
        await Assertions.Expect(page.GetByTestId("indicators-demo-banner")).ToBeVisibleAsync();
        Assert.True(await page.Locator(".spark[data-chart-ready=true] canvas").CountAsync() > 0, "sparklines drawn");

        // No card is wider than its grid cell (long names and targets wrap instead of overflowing).
        var overflowing = await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('.ind-card')).filter(c => c.scrollWidth > c.clientWidth + 1).length");
        Assert.Equal(0, overflowing);
        await BrowserFixture.ScreenshotAsync(page, "indicators");

        // The filter keeps only red cards.
        await page.GetByTestId("indicator-filter-red").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=indicator-card]")).ToHaveCountAsync(api.Rows.Count(r => r.Colour == "red"));
        await Assertions.Expect(page.Locator("[data-testid=indicator-card]:not([data-colour=red])")).ToHaveCountAsync(0);

        await card.GetByTestId("indicator-link").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains($"/indicators/{red.Id}", StringComparison.OrdinalIgnoreCase));
        await Assertions.Expect(page.GetByTestId("indicator-name")).ToHaveTextAsync(red.Name);
        await Assertions.Expect(page.GetByTestId("indicator-reason")).ToContainTextAsync(red.Reason);
        await Assertions.Expect(page.Locator("[data-testid=chart-indicator][data-chart-ready=true] canvas")).ToHaveCountAsync(1);
        Assert.True(await page.GetByTestId("history-table").Locator("tbody tr").CountAsync() > 1);
        await BrowserFixture.ScreenshotAsync(page, "indicator");

        await page.GotoAsync("/indicators/fiveyear");
        var gdp = page.Locator("[data-testid=five-year-row]", new() { HasText = "地区生产总值" });
        await Assertions.Expect(gdp).ToHaveCountAsync(1);
        var fiveYear = await app.GetJsonAsync<FiveYearDto>("/api/indicators/five-year");
        var gdpRow = fiveYear.Rows.Single(r => r.Name == "地区生产总值");
        await Assertions.Expect(gdp.GetByTestId("five-year-verdict")).ToHaveTextAsync(gdpRow.Verdict);
        await Assertions.Expect(gdp.GetByTestId("five-year-explanation")).ToHaveTextAsync(gdpRow.Explanation);
        await Assertions.Expect(gdp.Locator("[data-testid=chart-five-year][data-chart-ready=true] canvas")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "five-year");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EntryGrid_OneBadRow_ErrorsOnThatRowAndNothingSaved_ThenSavesWhenFixed()
    {
        // December 2023 has no demo figures, so the grid starts empty and nothing else writes there.
        var page = await app.NewPageAsync();
        await page.GotoAsync("/indicators/entry?year=2023&month=12");
        var rows = page.GetByTestId("indicator-entry-row");
        var good = rows.Filter(new() { HasText = "固定资产投资" }).First;
        var bad = rows.Filter(new() { HasText = "工业投资" }).First;
        var goodCode = await good.GetAttributeAsync("data-code");
        var badCode = await bad.GetAttributeAsync("data-code");

        await page.GetByTestId($"entry-value-{goodCode}").FillAsync("352.6");
        await page.GetByTestId($"entry-value-{badCode}").FillAsync("约190亿");
        await page.GetByTestId("indicator-entry-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("indicator-entry-errors")).ToBeVisibleAsync();
        var badRow = rows.Filter(new() { HasText = "工业投资" }).First;
        await Assertions.Expect(badRow).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("row-error"));
        await Assertions.Expect(badRow.Locator(".field-error")).ToContainTextAsync("“约190亿”是约数");
        await Assertions.Expect(page.GetByTestId($"entry-value-{goodCode}")).ToHaveValueAsync("352.6");
        await BrowserFixture.ScreenshotAsync(page, "indicator-entry-errors");
        var api = await app.GetJsonAsync<IndicatorsDto>("/api/indicators?year=2023&month=12");
        Assert.NotEqual(352.6m, api.Rows.Single(r => r.Code == goodCode).Actual);

        await page.GetByTestId($"entry-value-{badCode}").FillAsync("190.4");
        await page.GetByTestId("indicator-entry-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("indicator-entry-saved")).ToBeVisibleAsync();
        api = await app.GetJsonAsync<IndicatorsDto>("/api/indicators?year=2023&month=12");
        Assert.Equal(352.6m, api.Rows.Single(r => r.Code == goodCode).Actual);
        Assert.Equal(190.4m, api.Rows.Single(r => r.Code == badCode).Actual);
        await page.Context.CloseAsync();
    }
}

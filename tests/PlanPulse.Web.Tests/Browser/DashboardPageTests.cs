using System.Globalization;
using Microsoft.Playwright;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;

namespace PlanPulse.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture app)
{
    [Fact]
    public async Task Dashboard_June2023_ShowsSameTotalsAndColoursAsSummaryApi()
    {
        var api = await app.GetJsonAsync<PortfolioSummaryDto>("/api/portfolio/summary?year=2023&month=6");
        var page = await app.NewPageAsync();

        var response = await page.GotoAsync("/?year=2023&month=6");

        Assert.Equal(200, response!.Status);
        Assert.Equal(api.Projects, int.Parse(await Text(page, "summary-projects"), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal("2,964.00", await Text(page, "summary-total-investment"));
        Assert.Equal(PlanPulse.Domain.Amounts.AmountDisplay.Yi(api.TotalInvestment), await Text(page, "summary-total-investment"));
        Assert.Equal(PlanPulse.Domain.Amounts.AmountDisplay.Yi(api.AnnualPlan), await Text(page, "summary-annual-plan"));
        Assert.Equal(PlanPulse.Domain.Amounts.AmountDisplay.Yi(api.Completed), await Text(page, "summary-completed"));
        Assert.Equal(Pct(api.CompletionRate!.Value), await Text(page, "summary-rate"));
        Assert.Equal(Pct(api.TimeProgress), await Text(page, "summary-time-progress"));

        Assert.Equal(api.Colours.Blue, await Count(page, "blue"));
        Assert.Equal(api.Colours.Green, await Count(page, "green"));
        Assert.Equal(api.Colours.Yellow, await Count(page, "yellow"));
        Assert.Equal(api.Colours.Red, await Count(page, "red"));
        Assert.Equal(api.Colours.Grey, await Count(page, "grey"));

        Assert.True(api.DemoData);
        await Assertions.Expect(page.GetByTestId("demo-banner")).ToBeVisibleAsync();
        var trackRows = page.GetByTestId("track-table").Locator("tbody tr");
        Assert.Equal(api.Tracks.Count, await trackRows.CountAsync());

        // Both charts were drawn (echarts served locally, data read from the JSON blocks under the CSP).
        await Assertions.Expect(page.Locator("[data-testid=chart-trend][data-chart-ready=true] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=chart-colours][data-chart-ready=true] canvas")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "dashboard");
        await page.Context.CloseAsync();
    }

    private static async Task<string> Text(IPage page, string testId) => (await page.GetByTestId(testId).InnerTextAsync()).Trim();

    private static async Task<int> Count(IPage page, string colour) =>
        int.Parse(await Text(page, "colour-count-" + colour), CultureInfo.InvariantCulture);

    private static string Pct(decimal fraction) => (fraction * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

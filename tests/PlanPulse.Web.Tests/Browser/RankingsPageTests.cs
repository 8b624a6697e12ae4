using System.Globalization;
using PlanPulse.App.Features.Portfolio;

namespace PlanPulse.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class RankingsPageTests(BrowserFixture app)
{
    [Fact]
    public async Task Rankings_June2023_FirstRowsMatchRankingsApi()
    {
        var api = await app.GetJsonAsync<RankingsDto>("/api/rankings?year=2023&month=6");
        var page = await app.NewPageAsync();

        var response = await page.GotoAsync("/rankings?year=2023&month=6");

        Assert.Equal(200, response!.Status);
        Assert.Equal(3, api.Tables.Count);
        foreach (var table in api.Tables)
        {
            var rows = page.GetByTestId("ranking-table-" + table.UnitType).GetByTestId("ranking-row");
            Assert.Equal(table.Rows.Count, await rows.CountAsync());
            Assert.NotEmpty(table.Rows);
            foreach (var (expected, i) in table.Rows.Take(5).Select((r, i) => (r, i)))
            {
                var row = rows.Nth(i);
                Assert.Equal(expected.Rank.ToString(CultureInfo.InvariantCulture), (await row.GetByTestId("ranking-rank").InnerTextAsync()).Trim());
                Assert.Equal(expected.UnitName, (await row.GetByTestId("ranking-unit").InnerTextAsync()).Trim());
                var score = decimal.Parse((await row.GetByTestId("ranking-score").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
                Assert.Equal(Math.Round(expected.Score, 2), score);
            }

            // Red and black list badges appear exactly where the API puts units on them.
            Assert.Equal(table.Rows.Count(r => r.RedList), await page.GetByTestId("ranking-table-" + table.UnitType).GetByTestId("badge-red").CountAsync());
            Assert.Equal(table.Rows.Count(r => r.BlackList), await page.GetByTestId("ranking-table-" + table.UnitType).GetByTestId("badge-black").CountAsync());
        }

        await BrowserFixture.ScreenshotAsync(page, "rankings");
        await page.Context.CloseAsync();
    }
}

using System.Globalization;
using PlanPulse.App.Features.Projects;

namespace PlanPulse.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ProjectListPageTests(BrowserFixture app)
{
    [Fact]
    public async Task ProjectList_FilterByRed_ShowsOnlyRedRowsAndApiTotal()
    {
        var api = await app.GetJsonAsync<ProjectPageDto>("/api/projects?year=2023&month=6&colour=red");
        Assert.True(api.Total > 0, "the demo has red projects in June 2023");
        var page = await app.NewPageAsync();
        await page.GotoAsync("/projects?year=2023&month=6");

        await page.GetByTestId("filter-colour").SelectOptionAsync("red");
        await page.GetByTestId("filter-submit").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("colour=red", StringComparison.Ordinal));

        var total = int.Parse((await page.GetByTestId("project-total").InnerTextAsync()).Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(api.Total, total);
        var rows = page.GetByTestId("project-row");
        Assert.Equal(Math.Min(api.Total, 50), await rows.CountAsync());
        Assert.Equal(await rows.CountAsync(), await page.Locator("[data-testid=project-row][data-colour=red]").CountAsync());
        Assert.Equal(await rows.CountAsync(), await page.Locator("[data-testid=project-row] .chip.chip-red").CountAsync());
        Assert.Equal("red", await page.GetByTestId("filter-colour").InputValueAsync());

        await BrowserFixture.ScreenshotAsync(page, "projects-red");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ProjectList_Unfiltered_PagesFiftyAtATime()
    {
        var api = await app.GetJsonAsync<ProjectPageDto>("/api/projects?year=2023&month=6");
        var page = await app.NewPageAsync();

        await page.GotoAsync("/projects?year=2023&month=6&p=2");

        Assert.Equal(50, await page.GetByTestId("project-row").CountAsync());
        var page2 = await app.GetJsonAsync<ProjectPageDto>("/api/projects?year=2023&month=6&page=2");
        Assert.Equal(page2.Items[0].Id.ToString(CultureInfo.InvariantCulture), await page.GetByTestId("project-row").First.GetAttributeAsync("data-id"));
        Assert.Equal(api.Total.ToString("#,0", CultureInfo.InvariantCulture), (await page.GetByTestId("project-total").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }
}

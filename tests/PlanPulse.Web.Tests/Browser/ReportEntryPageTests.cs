using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlanPulse.App.Data;

namespace PlanPulse.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportEntryPageTests(BrowserFixture app)
{
    /// <summary>December 2023 has no demo reports, so this test owns it and touches no month another test reads.</summary>
    private const int December = 202312;

    [Fact]
    public async Task EntryGrid_OneBadRow_SavesNothingThenSavesAllWhenFixed()
    {
        int unit;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything); // the test reads and seeds as the system, not as a request
            unit = await db.Projects.GroupBy(p => p.ResponsibleUnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync("/reports/entry?year=2023&month=12");
        await page.GetByTestId("entry-unit").SelectOptionAsync(unit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.WaitForURLAsync(u => u.Contains("unit=", StringComparison.Ordinal));
        var rows = page.GetByTestId("entry-row");
        Assert.True(await rows.CountAsync() >= 2);
        var p0 = int.Parse((await rows.Nth(0).GetAttributeAsync("data-project"))!, System.Globalization.CultureInfo.InvariantCulture);
        var p1 = int.Parse((await rows.Nth(1).GetAttributeAsync("data-project"))!, System.Globalization.CultureInfo.InvariantCulture);

        // Full-width digits are what people type with a Chinese IME; the second row is not a number.
        await rows.Nth(0).GetByTestId("entry-amount").FillAsync("１２０");
        await rows.Nth(0).GetByTestId("entry-progress").FillAsync("12月:主体施工");
        await rows.Nth(1).GetByTestId("entry-amount").FillAsync("八十");
        await page.GetByTestId("entry-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("entry-errors")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"tr[data-project='{p1}'] [data-testid=error-amount]")).ToContainTextAsync("本月完成投资(万元)应为数字,收到“八十”");
        await Assertions.Expect(page.Locator($"tr[data-project='{p0}'] [data-testid=error-amount]")).ToHaveCountAsync(0);
        Assert.Equal(0, await CountReportsAsync(p0, p1));

        // The typed values survive the failed save; fix the bad row and save again.
        Assert.Equal("１２０", await page.Locator($"tr[data-project='{p0}'] [data-testid=entry-amount]").InputValueAsync());
        await page.Locator($"tr[data-project='{p1}'] [data-testid=entry-amount]").FillAsync("80");
        await page.GetByTestId("entry-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("entry-saved")).ToContainTextAsync("2");
        Assert.Equal(2, await CountReportsAsync(p0, p1));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything); // the test reads and seeds as the system, not as a request
            var saved = await db.MonthlyReports.AsNoTracking().Where(r => r.Month == December && (r.ProjectId == p0 || r.ProjectId == p1)).ToDictionaryAsync(r => r.ProjectId);
            Assert.Equal(120m, saved[p0].Amount);
            Assert.Equal("12月:主体施工", saved[p0].Progress);
            Assert.Equal(80m, saved[p1].Amount);
            Assert.All(saved.Values, r => Assert.Equal("planoffice", r.SubmittedBy));
        }

        await BrowserFixture.ScreenshotAsync(page, "entry-saved");
        await page.Context.CloseAsync();
    }

    private async Task<int> CountReportsAsync(int p0, int p1)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApplyScope(DataScope.Everything); // the test reads and seeds as the system, not as a request
        return await db.MonthlyReports.CountAsync(r => r.Month == December && (r.ProjectId == p0 || r.ProjectId == p1));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Projects;

namespace PlanPulse.Web.Tests.Browser;

/// <summary>Every page renders without a script error or CSP violation, in both languages; screenshots are kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageRenderTests(BrowserFixture app)
{
    [Fact]
    public async Task EveryPage_Renders_WithoutConsoleErrorsOrCspViolations()
    {
        var first = (await app.GetJsonAsync<ProjectPageDto>("/api/projects?year=2023&month=6&colour=red")).Items[0];
        var indicator = (await app.GetJsonAsync<PlanPulse.App.Features.Indicators.IndicatorsDto>("/api/indicators?year=2023&month=6")).Rows.First(r => r.Target is not null && r.Actual is not null).Id;
        int unit;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything); // the test reads and seeds as the system, not as a request
            unit = await db.Projects.GroupBy(p => p.ResponsibleUnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        }

        (string Name, string Url, string? Chart)[] pages =
        [
            ("dashboard", "/?year=2023&month=6&culture=zh-CN", "chart-trend"),
            ("projects", "/projects?year=2023&month=6&culture=zh-CN", null),
            ("project", $"/projects/{first.Id}?year=2023&month=6&culture=zh-CN", "chart-cumulative"),
            ("entry", $"/reports/entry?unit={unit}&year=2023&month=11&culture=zh-CN", null),
            ("rankings", "/rankings?year=2023&month=6&culture=zh-CN", null),
            ("problems", "/problems?year=2023&month=6&culture=zh-CN", null),
            ("review-nov", "/reports/review?year=2023&month=11&culture=zh-CN", null),
            ("missing", "/reports/missing?year=2023&month=12&culture=zh-CN", null),
            ("locks-2023", "/reports/locks?year=2023&culture=zh-CN", null),
            ("project-history-empty", $"/projects/{first.Id}?year=2023&month=6&tab=history&culture=zh-CN", null),
            ("review-en", "/reports/review?year=2023&month=11&culture=en", null),
            ("indicators", "/indicators?year=2023&month=6&culture=zh-CN", null),
            ("indicator", $"/indicators/{indicator}?year=2023&month=6&culture=zh-CN", "chart-indicator"),
            ("five-year", "/indicators/fiveyear?culture=zh-CN", null),
            ("indicator-entry", "/indicators/entry?year=2023&month=6&culture=zh-CN", null),
            ("indicators-en", "/indicators?year=2023&month=6&culture=en", null),
            ("indicator-en", $"/indicators/{indicator}?year=2023&month=6&culture=en", "chart-indicator"),
            ("dashboard-en", "/?year=2023&month=6&culture=en", "chart-trend"),
            ("rankings-en", "/rankings?year=2023&month=6&unitType=department&culture=en", null),
            ("plan-documents", "/plan-documents?culture=zh-CN", null),
            ("plan-documents-en", "/plan-documents?culture=en", null),
            ("key-tasks", "/key-tasks?year=2023&culture=zh-CN", null),
            ("import", "/import?year=2023&month=6&culture=zh-CN", null),
            ("import-en", "/import?year=2023&month=6&culture=en", null),
        ];

        // One page for all URLs (a context per URL costs a second each); the error list is reset per URL. Each
        // URL names its language, so the culture cookie one sets cannot leak into the next.
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                errors.Add($"{m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => errors.Add("page error: " + e);

        foreach (var (name, url, chart) in pages)
        {
            errors.Clear();
            var response = await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            Assert.True(response!.Status == 200, $"{url} answered {response.Status}");
            Assert.Equal(url.Contains("culture=en", StringComparison.Ordinal) ? "en" : "zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
            await Assertions.Expect(page.Locator("main h1").First).ToBeVisibleAsync();
            if (chart is not null)
            {
                await Assertions.Expect(page.Locator($"[data-testid={chart}][data-chart-ready=true] canvas")).ToHaveCountAsync(1);
            }

            await BrowserFixture.ScreenshotAsync(page, name);
            Assert.True(errors.Count == 0, $"{url}: {string.Join(" | ", errors)}");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AuditPage_Admin_RendersWithoutConsoleErrors()
    {
        // The server's first start made "admin" with a one-time password before the demo accounts were added.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything);
            await PlanPulse.App.Features.Accounts.Accounts.ResetPasswordAsync(db, "admin", PlanPulse.App.Features.Demo.DemoData.DemoPassword);
        }

        var page = await app.NewPageAsync("admin");
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                errors.Add($"{m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => errors.Add("page error: " + e);

        var response = await page.GotoAsync("/admin/audit?culture=zh-CN");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("审计日志");
        await Assertions.Expect(page.GetByTestId("nav-audit")).ToBeVisibleAsync();

        // The demo load writes one summary entry, so the trail is never empty here.
        Assert.True(await page.GetByTestId("audit-row").CountAsync() > 0);
        await BrowserFixture.ScreenshotAsync(page, "audit");
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LanguageSwitch_English_SticksAcrossPagesUntilSwitchedBack()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/?year=2023&month=6");
        await Assertions.Expect(page.GetByTestId("nav-dashboard")).ToHaveTextAsync("运行总览");

        await page.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-dashboard")).ToHaveTextAsync("Dashboard");

        // No culture in this URL: the cookie set by ?culture=en keeps the page in English.
        await page.GotoAsync("/projects?year=2023&month=6");
        await Assertions.Expect(page.GetByTestId("nav-projects")).ToHaveTextAsync("Projects");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-projects")).ToHaveTextAsync("项目清单");
        await page.GotoAsync("/rankings?year=2023&month=6");
        await Assertions.Expect(page.GetByTestId("nav-rankings")).ToHaveTextAsync("赛马排名");
        await page.Context.CloseAsync();
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PlanPulse.Web.Tests.Browser;

/// <summary>
/// The screens every user meets in the first hour, checked where CSS decides what they see: the review table's
/// layout, readable pager links, the sign-in and error pages in the app's look, and phone width without sideways
/// scrolling of the page itself. Each test names the defect it would have caught.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstHourScreensTests(BrowserFixture app)
{
    /// <summary>
    /// The plan-document layout rule <c>.review { display: grid }</c> matched <c>table.grid.review</c>: the header sat
    /// alone at the left, rows started mid-page, 责任单位 wrapped one character per line, buttons were cut off.
    /// </summary>
    [Fact]
    public async Task ReportReview_HeaderAndRowsShareOneLeftEdge_ButtonsInsideTheViewport()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/reports/review?year=2023&month=11");
        var table = page.GetByTestId("review-table");
        Assert.Equal("table", await table.EvaluateAsync<string>("t => getComputedStyle(t).display"));

        var header = await table.Locator("thead th").First.BoundingBoxAsync();
        var firstRow = page.GetByTestId("review-row").First;
        var firstCell = await firstRow.Locator("td").First.BoundingBoxAsync();
        Assert.NotNull(header);
        Assert.NotNull(firstCell);
        Assert.InRange(Math.Abs(header.X - firstCell.X), 0, 1);
        Assert.InRange(firstCell.Y - (header.Y + header.Height), -1, 2);

        // 责任单位 is the second column: wide enough for a unit's name on one line.
        var unit = await firstRow.Locator("td").Nth(1).BoundingBoxAsync();
        Assert.True(unit!.Width >= 80, $"责任单位 is {unit.Width}px wide");

        var viewport = page.ViewportSize!.Width;
        foreach (var button in await firstRow.Locator("button").AllAsync())
        {
            var box = await button.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= viewport, $"button '{await button.InnerTextAsync()}' at {box?.X}+{box?.Width} of {viewport}");
        }

        await BrowserFixture.ScreenshotAsync(page, "first-hour-review", fullPage: false);
        await page.Context.CloseAsync();
    }

    /// <summary>The sign-in page had no styling at all; it now has the app's top bar, one card, and the office's name.</summary>
    [Fact]
    public async Task SignIn_IsStyledLikeTheApp_WithProductAndOfficeName()
    {
        var page = await app.NewAnonymousPageAsync();
        var response = await page.GotoAsync("/Account/Login");
        Assert.Equal(200, response!.Status);
        var topbar = page.Locator("header.topbar");
        Assert.Equal("flex", await topbar.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Contains("gradient", await topbar.EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage"), StringComparison.Ordinal);
        var box = page.GetByTestId("login-box");
        Assert.Equal("rgb(255, 255, 255)", await box.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        var bounds = await box.BoundingBoxAsync();
        Assert.True(bounds!.Width is > 300 and < 480, $"the card is {bounds.Width}px wide");
        await Assertions.Expect(box).ToContainTextAsync("PlanPulse");
        await Assertions.Expect(page.GetByTestId("login-org")).ToContainTextAsync("长寿区发展和改革委员会");
        await BrowserFixture.ScreenshotAsync(page, "first-hour-login");
        await page.Context.CloseAsync();
    }

    /// <summary>The 无权访问 page had no styling; it and the other error pages are in the app's layout, in Chinese.</summary>
    [Theory]
    [InlineData("reporter-drc", "/reports/review?year=2023&month=11", 403, "无权访问")]
    [InlineData("planoffice", "/no-such-page", 404, "页面不存在")]
    public async Task ErrorPages_AreInTheAppsLayout_InChinese(string user, string url, int status, string title)
    {
        var page = await app.NewPageAsync(user);
        var response = await page.GotoAsync(url);
        Assert.Equal(status, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(title);
        await Assertions.Expect(page.Locator("nav.sidenav")).ToBeVisibleAsync();
        Assert.Equal("flex", await page.Locator("header.topbar").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The plan-document review's pager links were white on white (the colour-chip class), 150 cards made a 1 MB page,
    /// and an indicator without a unit read <c>社会消费品零售总额()</c>.
    /// </summary>
    [Fact]
    public async Task PlanDocumentReview_PagerReadable_PageSmall_NoEmptyUnitBrackets()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/plan-documents");
        await page.GetByTestId("upload-file").SetInputFilesAsync(PlanDocumentReviewPageTests.SeedPath());
        await page.GetByTestId("upload-submit").ClickAsync();
        await page.WaitForURLAsync(ReviewUrl());

        var links = page.GetByTestId("review-pager").Locator("a");
        Assert.True(await links.CountAsync() > 1, "the seed's facts take more than one page");
        foreach (var link in await links.AllAsync())
        {
            var colours = await link.EvaluateAsync<string[]>("""
                a => {
                    let bg = getComputedStyle(a).backgroundColor, e = a;
                    while (bg === 'rgba(0, 0, 0, 0)' && e.parentElement) { e = e.parentElement; bg = getComputedStyle(e).backgroundColor; }
                    return [getComputedStyle(a).color, bg];
                }
                """);
            Assert.NotEqual(colours[0], colours[1]);
        }

        var html = await page.ContentAsync();
        Assert.True(html.Length < 400_000, $"the review page is {html.Length} characters");
        Assert.DoesNotContain("()", string.Concat(await page.GetByTestId("fact-indicator").Locator("option").AllInnerTextsAsync()), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// At 390 px the pages leaders open scroll only inside their tables, never sideways as a page; the header is two
    /// short lines, and track names keep a readable width (they squeezed to one character per line).
    /// </summary>
    [Theory]
    [InlineData("/?year=2023&month=6", "zh-CN")]
    [InlineData("/?year=2023&month=6", "en")]
    [InlineData("/rankings?year=2023&month=6", "zh-CN")]
    [InlineData("/rankings?year=2023&month=6", "en")]
    [InlineData("/projects?year=2023&month=6", "zh-CN")]
    [InlineData("/projects?year=2023&month=6", "en")]
    [InlineData("/projects/{first}?year=2023&month=6", "zh-CN")]
    [InlineData("/projects/{first}?year=2023&month=6", "en")]
    public async Task PhoneWidth_NoSidewaysScrollingOfThePage(string url, string culture)
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new() { Width = 390, Height = 844 },
            Locale = culture,
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        // The plan office: its pages carry the most buttons (import, export), which once pushed the page sideways.
        await BrowserFixture.SignInAsync(page, "planoffice", PlanPulse.App.Features.Demo.DemoData.DemoPassword);
        if (url.Contains("{first}", StringComparison.Ordinal))
        {
            await page.GotoAsync("/projects?year=2023&month=6");
            var href = await page.GetByTestId("project-link").First.GetAttributeAsync("href");
            url = url.Replace("/projects/{first}", href!.Split('?')[0], StringComparison.Ordinal);
        }

        await page.GotoAsync(url + "&culture=" + culture);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"{url} ({culture}) is {scrollWidth}px wide at 390");

        var header = await page.Locator("header.topbar").BoundingBoxAsync();
        Assert.True(header!.Height <= 100, $"the header is {header.Height}px tall");

        foreach (var th in await page.Locator("table.grid tbody th[scope=row]").AllAsync())
        {
            var box = await th.BoundingBoxAsync();
            Assert.True(box is null || box.Width >= 80, $"a row heading is {box?.Width}px wide");
        }

        await BrowserFixture.ScreenshotAsync(page, "phone" + Regex.Replace(url, "[^a-z0-9]+", "-") + culture, fullPage: false);
        await context.CloseAsync();
    }

    /// <summary>
    /// At 390 px the track names on the colour chart were cut and the twelve bar labels of the trend overlapped: on a
    /// phone the category axis narrows and breaks its names, the bar labels give way to the tooltip, and both charts
    /// fit their panel. At desktop width the labels stay.
    /// </summary>
    [Theory]
    [InlineData(390, true)]
    [InlineData(1440, false)]
    public async Task DashboardCharts_KeepTheirLabelsAtPhoneWidth(int width, bool narrow)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl.ToString(), ViewportSize = new() { Width = width, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "leader", PlanPulse.App.Features.Demo.DemoData.DemoPassword);
        await page.GotoAsync("/?year=2023&month=6");
        await Assertions.Expect(page.Locator("[data-testid=chart-colours][data-chart-ready=true] canvas")).ToHaveCountAsync(1);

        var labelWidth = await page.GetByTestId("chart-colours").EvaluateAsync<int>("n => echarts.getInstanceByDom(n).getOption().yAxis[0].axisLabel.width");
        var overflow = await page.GetByTestId("chart-colours").EvaluateAsync<string>("n => echarts.getInstanceByDom(n).getOption().yAxis[0].axisLabel.overflow");
        var barLabels = await page.GetByTestId("chart-trend").EvaluateAsync<bool>("n => echarts.getInstanceByDom(n).getOption().series[0].label.show");
        Assert.Equal("break", overflow);
        Assert.Equal(narrow ? 84 : 170, labelWidth);
        Assert.Equal(!narrow, barLabels);
        foreach (var id in new[] { "chart-trend", "chart-colours" })
        {
            var box = await page.GetByTestId(id).BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= width, $"{id} at {box.X}+{box.Width} of {width}");
        }

        await context.CloseAsync();
    }

    [GeneratedRegex(@"/plan-documents/(\d+)")]
    private static partial Regex ReviewUrl();
}

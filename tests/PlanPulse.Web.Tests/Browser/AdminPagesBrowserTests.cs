using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlanPulse.App.Data;

namespace PlanPulse.Web.Tests.Browser;

/// <summary>
/// The two admin pages as people use them: an administrator adds an account and is shown its password once; the plan
/// office narrows the green threshold and previews which projects would change colour, without saving.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdminPagesBrowserTests(BrowserFixture app)
{
    [Fact]
    public async Task Admin_AddsAccount_PlanOffice_PreviewsRuleChange()
    {
        // The server's first start made "admin" with a one-time password before the demo accounts were added.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything);
            await App.Features.Accounts.Accounts.ResetPasswordAsync(db, "admin", App.Features.Demo.DemoData.DemoPassword);
        }

        var admin = await app.NewPageAsync("admin");
        await admin.GotoAsync("/");
        await admin.GetByTestId("nav-accounts").ClickAsync();
        await admin.GetByTestId("account-add").Locator("summary").ClickAsync();
        await admin.GetByTestId("account-username").FillAsync("browser-clerk");
        await admin.GetByTestId("account-display").FillAsync("浏览器测试填报员");
        await admin.GetByTestId("account-role").SelectOptionAsync("reporter");
        await admin.GetByTestId("account-unit").SelectOptionAsync(new SelectOptionValue { Label = "区发展改革委" });
        await admin.GetByTestId("account-add-submit").ClickAsync();

        await Assertions.Expect(admin.GetByTestId("account-created")).ToContainTextAsync("browser-clerk");
        var password = await admin.GetByTestId("account-password").InnerTextAsync();
        Assert.Equal(16, password.Trim().Length);
        var row = admin.Locator("tr[data-user='browser-clerk']");
        await Assertions.Expect(row).ToContainTextAsync("单位填报员");
        await Assertions.Expect(row).ToContainTextAsync("区发展改革委");
        await BrowserFixture.ScreenshotAsync(admin, "admin-account-added", fullPage: false);
        await admin.Context.CloseAsync();

        // The new account signs in with the password it was given.
        var clerk = await app.NewAnonymousPageAsync();
        await BrowserFixture.SignInAsync(clerk, "browser-clerk", password.Trim());
        await Assertions.Expect(clerk.GetByTestId("user-box")).ToContainTextAsync("浏览器测试填报员");
        await clerk.Context.CloseAsync();

        var office = await app.NewPageAsync("planoffice");
        await office.GotoAsync("/reports/missing?year=2023&month=11");
        await office.GetByTestId("nav-rulesets").ClickAsync();
        await Assertions.Expect(office.GetByTestId("ruleset-form")).ToBeVisibleAsync();
        var version = await office.GetByTestId("ruleset-version").InnerTextAsync();
        await office.GetByTestId("rule-greenMaxGapPoints").FillAsync("5");
        await office.GetByTestId("ruleset-preview").ClickAsync();

        var summary = office.GetByTestId("preview-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        var changed = int.Parse(ChangedCount().Match(await summary.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(changed > 0, "narrowing green from 10 to 5 points changes some colour in November");
        await Assertions.Expect(office.GetByTestId("preview-count").First).ToContainTextAsync("→");
        Assert.Equal(Math.Min(changed, 20), await office.GetByTestId("preview-change").CountAsync());
        await Assertions.Expect(office.GetByTestId("preview-change").First.Locator("[data-colour]").Nth(1)).ToHaveAttributeAsync("data-colour", "yellow");

        // The draft stays in the form and nothing was saved.
        await Assertions.Expect(office.GetByTestId("rule-greenMaxGapPoints")).ToHaveValueAsync("5");
        await Assertions.Expect(office.GetByTestId("ruleset-version")).ToHaveTextAsync(version);
        await BrowserFixture.ScreenshotAsync(office, "planoffice-ruleset-preview");
        await office.Context.CloseAsync();
    }

    [GeneratedRegex(@"(\d+) 个改变颜色")]
    private static partial Regex ChangedCount();
}

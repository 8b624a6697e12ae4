using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;

namespace PlanPulse.Web.Tests.Browser;

/// <summary>
/// One real Kestrel server on a free port over a throw-away SQLite folder holding the 2023 demo, and one headless
/// chromium, shared by every browser test. If chromium cannot start, initialisation throws and every test in the
/// collection fails: a browser test that cannot run must never pass or be skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; <c>PLAYWRIGHT_CHROMIUM</c> (set by scripts/test.sh) names another.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>Where page screenshots go (<c>PLANPULSE_SHOTS</c>, default /tmp/pp-shots), for people to look at.</summary>
    public static string ShotsFolder => Environment.GetEnvironmentVariable("PLANPULSE_SHOTS") is { Length: > 0 } s ? s : Path.Combine(Path.GetTempPath(), "pp-shots");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private Factory? _factory;
    private IPlaywright? _playwright;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "planpulse-browser-" + Guid.NewGuid().ToString("N"));

    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        _factory = new Factory(DataFolder);
        _factory.UseKestrel(0);
        _factory.StartServer();

        // The test host stops Program.Main once the app is built, so the start-up migration does not run: do it here.
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything); // the test reads and seeds as the system, not as a request
            await Database.MigrateAsync(db);
            await DemoData.LoadAsync(db);
            _token = await PlanPulse.App.Features.Accounts.Accounts.IssueTokenAsync(db, "planoffice", TimeProvider.System);
        }

        BaseUrl = _factory.ClientOptions.BaseAddress;
        Http = new HttpClient { BaseAddress = BaseUrl };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies) at a desktop size, and a page in it, signed in as the plan office.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync("planoffice");

    /// <summary>A fresh browser context signed in as the demo account <paramref name="user"/>.</summary>
    public async Task<IPage> NewPageAsync(string user)
    {
        var page = await NewAnonymousPageAsync();
        await SignInAsync(page, user, DemoData.DemoPassword);
        return page;
    }

    /// <summary>A fresh browser context nobody has signed in to.</summary>
    public async Task<IPage> NewAnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new() { Width = 1440, Height = 1000 },
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByTestId("login-user").FillAsync(user);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    private string _token = "";

    public async Task<T> GetJsonAsync<T>(string url) =>
        await Http.GetFromJsonAsync<T>(url, Json) ?? throw new InvalidOperationException($"{url} returned null");

    /// <param name="fullPage">False for pages hundreds of screens long (a document under review): the first screen only.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ShotsFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ShotsFolder, name + ".png"), FullPage = fullPage });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>The app on its own SQLite folder; PostgreSQL settings from the environment are blanked out.</summary>
    private sealed class Factory(string dataFolder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("PLANPULSE_DATA", dataFolder);
            builder.UseSetting("PLANPULSE_POSTGRES", string.Empty);
            builder.UseSetting("ConnectionStrings:Postgres", string.Empty);
            builder.UseSetting("ConnectionStrings:Sqlite", string.Empty);
            builder.UseEnvironment("Development");

            // EF logs every SQL command at Information; the demo load alone is thousands of lines.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // Tests that try wrong passwords on purpose share this server; the per-client failure limit is for people.
            builder.UseSetting("Auth:SignIn:FailuresPerClient", "100000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

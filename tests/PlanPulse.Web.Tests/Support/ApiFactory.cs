using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Demo;

namespace PlanPulse.Web.Tests.Support;

/// <summary>
/// The whole app in memory on its own fresh database (SQLite folder or PostgreSQL database), migrated, optionally
/// holding the 2023 demo loaded through the app's own services. Clients carry a bearer token of the demo admin, so
/// the tests keep working once the API requires sign-in.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly TimeProvider? _clock;
    private string? _token;

    private ApiFactory(TestDatabase database, TimeProvider? clock)
    {
        _database = database;
        _clock = clock;
    }

    public string Provider => _database.Provider;

    public TestDatabase TestDb => _database;

    /// <summary>Creates the database and the app; <paramref name="clock"/> replaces the app's TimeProvider.System.</summary>
    public static async Task<ApiFactory> CreateAsync(string provider, bool demo = true, TimeProvider? clock = null) =>
        await CreateAsync(await TestDatabase.CreateAsync(provider), demo, clock);

    /// <summary>The app on an existing test database, which the factory then owns (and removes when disposed).</summary>
    public static async Task<ApiFactory> CreateAsync(TestDatabase database, bool demo, TimeProvider? clock = null)
    {
        var factory = new ApiFactory(database, clock);
        try
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.ApplyScope(DataScope.Everything); // the test reads and seeds as the system, not as a request
                await PlanPulse.App.Data.Database.MigrateAsync(db);
                if (demo)
                {
                    await DemoData.LoadAsync(db);
                }

                if (await db.Users.AnyAsync(u => u.UserName == "admin"))
                {
                    factory._token = await Accounts.IssueTokenAsync(db, "admin", clock ?? TimeProvider.System);
                }
            }

            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the in-memory server, signed in as the demo admin when that account exists.</summary>
    public HttpClient Client()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (_token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        return client;
    }

    /// <summary>A client of the in-memory server signed in as <paramref name="user"/> with a bearer token of its own.</summary>
    public async Task<HttpClient> ClientForAsync(string user)
    {
        var token = await WithDbAsync(db => Accounts.IssueTokenAsync(db, user, TimeProvider.System));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs <paramref name="query"/> on a context from the app's own services.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApplyScope(DataScope.Everything); // the test reads as the system, not as a request
        return await query(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("PLANPULSE_DATA", _database.DataFolder);
        builder.UseSetting("PLANPULSE_POSTGRES", string.Empty);
        builder.UseSetting("ConnectionStrings:Sqlite", string.Empty);
        builder.UseSetting("ConnectionStrings:Postgres", _database.PostgresConnection ?? string.Empty);
        builder.UseSetting("Demo:LoadOnEmpty", "false");

        // EF logs every SQL command at Information; the demo load alone is thousands of lines.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (_clock is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_clock);
            });
        }
    }
}

namespace PlanPulse.Web.Tests.Support;

/// <summary>
/// One app per database holding the demo, created on first use and shared by the tests of a class that only read
/// (or only make requests that must save nothing). Tests that change data make their own <see cref="ApiFactory"/>.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Lazy<Task<ApiFactory>>> _apps = new(StringComparer.Ordinal)
    {
        [Databases.Sqlite] = new(() => ApiFactory.CreateAsync(Databases.Sqlite)),
        [Databases.Postgres] = new(() => ApiFactory.CreateAsync(Databases.Postgres)),
    };

    public Task<ApiFactory> AppAsync(string provider) => _apps[provider].Value;

    public async Task<HttpClient> ClientAsync(string provider) => (await AppAsync(provider)).Client();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            try
            {
                await (await app.Value).DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // The app never started (e.g. PLANPULSE_TEST_POSTGRES missing); its tests have already failed.
            }
        }
    }
}

/// <summary>Tests that change process-wide state (environment variables, Console.Out) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "Process state";
}

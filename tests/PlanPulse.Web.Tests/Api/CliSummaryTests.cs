using PlanPulse.Cli;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// <c>planpulse summary --json</c> prints exactly what <c>GET /api/portfolio/summary</c> returns for the same data.
/// The CLI reads its database from environment variables and prints to Console.Out, so these tests run alone.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class CliSummaryTests
{
    private static readonly string[] _variables = ["PLANPULSE_DATA", "PLANPULSE_POSTGRES", "ConnectionStrings__Postgres", "ConnectionStrings__Sqlite"];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SummaryJson_AfterDemo_EqualsApiSummary(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        string cli;
        try
        {
            var environment = EnvironmentOf(database);
            var demoOut = await LoadDemoAsync(environment);
            Assert.Contains("246", demoOut, StringComparison.Ordinal);
            var (exit, output) = await RunCliAsync(environment, ["summary", "--year", "2023", "--month", "6", "--json"]);
            Assert.True(exit == 0, output);
            cli = output;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        await using var app = await ApiFactory.CreateAsync(database, demo: false);
        using var client = app.Client();
        var api = await ApiJson.GetAsync(client, "/api/portfolio/summary?year=2023&month=6");

        var printed = ApiJson.Parse(cli);
        Assert.Equal(220, printed.GetProperty("projects").GetInt32());
        Assert.True(printed.GetProperty("demoData").GetBoolean());
        Assert.Equal(ApiJson.Compact(api), ApiJson.Compact(printed));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task IndicatorsJson_AfterDemo_EqualsApi(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        string cli;
        try
        {
            var environment = EnvironmentOf(database);
            await LoadDemoAsync(environment);
            var (exit, output) = await RunCliAsync(environment, ["indicators", "--year", "2023", "--month", "6", "--json"]);
            Assert.True(exit == 0, output);
            cli = output;
            var (badExit, _) = await RunCliAsync(environment, ["indicators", "--year", "2023", "--month", "13", "--json"]);
            Assert.Equal(2, badExit);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        await using var app = await ApiFactory.CreateAsync(database, demo: false);
        using var client = app.Client();
        var api = await ApiJson.GetAsync(client, "/api/indicators?year=2023&month=6");

        var printed = ApiJson.Parse(cli);
        Assert.Equal(75, printed.GetProperty("rows").GetArrayLength());
        Assert.Equal(ApiJson.Compact(api), ApiJson.Compact(printed));
    }

    /// <summary>The variables that point the CLI at a test database.</summary>
    private static Dictionary<string, string?> EnvironmentOf(TestDatabase database) => new(StringComparer.Ordinal)
    {
        ["PLANPULSE_DATA"] = database.DataFolder,
        ["ConnectionStrings__Postgres"] = database.PostgresConnection,
    };

    /// <summary>Runs <c>planpulse demo</c> and requires it to succeed; returns what it printed.</summary>
    private static async Task<string> LoadDemoAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var (exit, output) = await RunCliAsync(environment, ["demo"]);
        Assert.True(exit == 0, output);
        return output;
    }

    /// <summary>Runs the CLI with the given variables set (others of <see cref="_variables"/> unset), capturing stdout.</summary>
    private static async Task<(int Exit, string Output)> RunCliAsync(IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var saved = _variables.ToDictionary(v => v, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        var console = Console.Out;
        using var output = new StringWriter();
        try
        {
            foreach (var name in _variables)
            {
                Environment.SetEnvironmentVariable(name, environment.TryGetValue(name, out var value) ? value : null);
            }

            Console.SetOut(output);
            var exit = await CommandLine.RunAsync(args);
            await output.FlushAsync();
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(console);
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}

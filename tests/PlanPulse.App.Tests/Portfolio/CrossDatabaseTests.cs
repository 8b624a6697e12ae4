using System.Text.Json;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Projects;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;

namespace PlanPulse.App.Tests.Portfolio;

/// <summary>The demo loaded once into SQLite and once into PostgreSQL, shared (read-only) by the tests below.</summary>
public sealed class DemoOnBothDatabases : IAsyncLifetime
{
    public TestDatabase Sqlite { get; private set; } = null!;

    public TestDatabase Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sqlite = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        Postgres = await TestDatabase.CreateWithDemoAsync(Databases.Postgres);
    }

    public async Task DisposeAsync()
    {
        if (Sqlite is not null)
        {
            await Sqlite.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

/// <summary>
/// Both databases give the same summaries, rankings and project lists for the demo: the same values (numbers
/// compared by value) and the same JSON text (what an API client sees, including how decimals are written).
/// </summary>
public sealed class CrossDatabaseTests(DemoOnBothDatabases demo) : IClassFixture<DemoOnBothDatabases>
{
    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    public async Task GetSummary_Demo_SameJsonOnBothDatabases(int month)
    {
        var ym = new YearMonth(2023, month);

        var sqlite = await WithAsync(demo.Sqlite, db => PortfolioSummary.GetAsync(db, ym, null));
        var postgres = await WithAsync(demo.Postgres, db => PortfolioSummary.GetAsync(db, ym, null));

        Assert.Equal(TestJson.Serialize(sqlite), TestJson.Serialize(postgres));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    public async Task GetRankings_Demo_SameJsonOnBothDatabases(int month)
    {
        var ym = new YearMonth(2023, month);

        var sqlite = await WithAsync(demo.Sqlite, db => Rankings.GetAsync(db, ym, null, null));
        var postgres = await WithAsync(demo.Postgres, db => Rankings.GetAsync(db, ym, null, null));

        Assert.Equal(TestJson.Serialize(sqlite), TestJson.Serialize(postgres));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    public async Task ListProjects_Demo_SameRowsOnBothDatabases(int month)
    {
        var ym = new YearMonth(2023, month);
        var filter = new ProjectFilter { PageSize = 500 };

        // Row ids are database-generated; everything else must match.
        var sqlite = await WithAsync(demo.Sqlite, db => ProjectQueries.ListAsync(db, ym, filter));
        var postgres = await WithAsync(demo.Postgres, db => ProjectQueries.ListAsync(db, ym, filter));

        Assert.Equal(220, sqlite.Total);
        Assert.Equal(
            TestJson.Serialize(sqlite with { Items = [.. sqlite.Items.Select(r => r with { Id = 0 })] }),
            TestJson.Serialize(postgres with { Items = [.. postgres.Items.Select(r => r with { Id = 0 })] }));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    public async Task GetSummaryRankingsAndProjects_Demo_SameValuesOnBothDatabases(int month)
    {
        var ym = new YearMonth(2023, month);
        var filter = new ProjectFilter { PageSize = 500 };
        async Task<string> AllAsync(TestDatabase database)
        {
            await using var db = database.NewContext();
            var projects = await ProjectQueries.ListAsync(db, ym, filter);
            return TestJson.Serialize(new
            {
                Summary = await PortfolioSummary.GetAsync(db, ym, null),
                Rankings = await Rankings.GetAsync(db, ym, null, null),
                Projects = projects with { Items = [.. projects.Items.Select(r => r with { Id = 0 })] },
            });
        }

        var sqlite = await AllAsync(demo.Sqlite);
        var postgres = await AllAsync(demo.Postgres);

        using var s = JsonDocument.Parse(sqlite);
        using var p = JsonDocument.Parse(postgres);
        Assert.True(JsonElement.DeepEquals(s.RootElement, p.RootElement), $"SQLite:\n{sqlite}\n\nPostgreSQL:\n{postgres}");
    }

    private static async Task<T> WithAsync<T>(TestDatabase database, Func<PlanPulse.App.Data.AppDbContext, Task<T>> query)
    {
        await using var db = database.NewContext();
        return await query(db);
    }
}

using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Tests.Support;

namespace PlanPulse.App.Tests.Data;

/// <summary>
/// The guard of ADR-002: each provider has its own migration set, and a model change without a migration in
/// either set fails here (run the two `dotnet ef migrations add` commands from the ADR).
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HasPendingModelChanges_CurrentModel_False(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model has changes with no {provider} migration. Add one to both sets (docs/decisions/ADR-002-two-migration-sets.md).");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryMigration(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task GetMigrations_BothProviders_SameMigrationNamesInSameOrder()
    {
        await using var sqlite = await TestDatabase.CreateAsync(Databases.Sqlite);
        await using var postgres = await TestDatabase.CreateAsync(Databases.Postgres);
        await using var s = sqlite.NewContext();
        await using var p = postgres.NewContext();

        // Ids are "timestamp_Name"; the timestamps differ, the names and their order must not.
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(s), Names(p));
    }
}

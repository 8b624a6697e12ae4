namespace PlanPulse.App.Tests.Support;

/// <summary>
/// "Same test, every database": <c>[Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]</c>
/// runs a test once on SQLite and once on PostgreSQL; the test gets the provider name and opens a fresh database
/// with <see cref="TestDatabase.CreateAsync"/>.
/// </summary>
public static class Databases
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>An Npgsql connection string to a throw-away server; scripts/with-postgres.sh sets it.</summary>
    public const string PostgresVariable = "PLANPULSE_TEST_POSTGRES";

    public static TheoryData<string> All => new() { Sqlite, Postgres };
}

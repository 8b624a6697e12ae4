namespace PlanPulse.Web.Tests.Support;

/// <summary>
/// "Same test, every database" for the web tests: <c>[Theory, MemberData(nameof(Databases.All), MemberType =
/// typeof(Databases))]</c> runs a test on SQLite and on PostgreSQL.
/// </summary>
public static class Databases
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>An Npgsql connection string to a throw-away server; scripts/with-postgres.sh sets it.</summary>
    public const string PostgresVariable = "PLANPULSE_TEST_POSTGRES";

    public const string MissingPostgresMessage =
        "PLANPULSE_TEST_POSTGRES is not set, so this PostgreSQL test case cannot run. Run the tests with "
        + "`bash scripts/test.sh` (or `bash scripts/with-postgres.sh dotnet test tests/PlanPulse.Web.Tests`), "
        + "which starts a throw-away PostgreSQL server and sets PLANPULSE_TEST_POSTGRES.";

    public static TheoryData<string> All => new() { Sqlite, Postgres };
}

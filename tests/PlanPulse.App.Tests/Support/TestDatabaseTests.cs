namespace PlanPulse.App.Tests.Support;

public sealed class TestDatabaseTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task CreateAsync_PostgresWithoutConnection_FailsTellingToRunTestScript(string? connection)
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TestDatabase.CreateAsync(Databases.Postgres, connection));

        Assert.Contains("PLANPULSE_TEST_POSTGRES", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bash scripts/test.sh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_Providers_SqliteAndPostgres()
    {
        Assert.Equal([Databases.Sqlite, Databases.Postgres], Databases.All);
    }
}

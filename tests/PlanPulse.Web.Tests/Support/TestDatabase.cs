using Microsoft.Data.Sqlite;
using Npgsql;

namespace PlanPulse.Web.Tests.Support;

/// <summary>
/// An empty database for one app instance, removed afterwards: a new temp data folder (the app creates
/// planpulse.db in it) or a new uniquely named PostgreSQL database on the server of
/// <see cref="Databases.PostgresVariable"/>, dropped <c>WITH (FORCE)</c>. The app migrates it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _serverConnection;
    private readonly string? _databaseName;

    private TestDatabase(string provider, string dataFolder, string? postgresConnection, string? serverConnection, string? databaseName)
    {
        Provider = provider;
        DataFolder = dataFolder;
        PostgresConnection = postgresConnection;
        _serverConnection = serverConnection;
        _databaseName = databaseName;
    }

    public string Provider { get; }

    /// <summary>The app's data folder (PLANPULSE_DATA); holds the SQLite file when the provider is SQLite.</summary>
    public string DataFolder { get; }

    /// <summary>The connection string of the new PostgreSQL database, or null for SQLite.</summary>
    public string? PostgresConnection { get; }

    public string SqliteFile => Path.Combine(DataFolder, "planpulse.db");

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "planpulse-web-tests", Guid.NewGuid().ToString("N"));
        switch (provider)
        {
            case Databases.Sqlite:
                Directory.CreateDirectory(folder);
                return new TestDatabase(provider, folder, null, null, null);
            case Databases.Postgres:
                var server = Environment.GetEnvironmentVariable(Databases.PostgresVariable);
                if (string.IsNullOrWhiteSpace(server))
                {
                    throw new InvalidOperationException(Databases.MissingPostgresMessage);
                }

                var name = $"pp_web_{Guid.NewGuid():N}";
                await using (var connection = new NpgsqlConnection(server))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
                    await create.ExecuteNonQueryAsync();
                }

                Directory.CreateDirectory(folder);
                var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
                return new TestDatabase(provider, folder, builder.ConnectionString, server, name);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "expected \"sqlite\" or \"postgres\"");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgresConnection is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresConnection));
            await using var connection = new NpgsqlConnection(_serverConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection($"Data Source={SqliteFile}"));
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

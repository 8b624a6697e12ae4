using System.Globalization;
using PlanPulse.Domain.Periods;

namespace PlanPulse.Bench;

/// <summary>Command-line options. Defaults are the portfolio: 50,000 projects, 36 months (2021-01..2023-12).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        PlanPulse benchmark: the app's summary and league tables against one plain SQL query, same process.

          dotnet run -c Release --project bench/PlanPulse.Bench -- [options]

          --projects N        projects in the generated portfolio (default 50000)
          --months M          months of reports, ending 2023-12 (default 36: 2021-01..2023-12)
          --runs N            measured runs per operation; the median is reported (default 5)
          --warmup N          unmeasured runs per operation first (default 1)
          --quick             --projects 5000 --runs 3 (a smoke run in well under a minute)
          --at 202306,202312  months to evaluate (default 202306,202312)
          --sqlite-only       skip PostgreSQL even when PLANPULSE_TEST_POSTGRES is set
          --postgres-only     skip SQLite
          --postgres CONN     PostgreSQL server to use instead of PLANPULSE_TEST_POSTGRES
                              (database planpulse_bench is dropped and recreated on it)
          --data-dir DIR      where the SQLite file is kept (default $TMPDIR/planpulse-bench)
          --no-cache          regenerate the SQLite file even when one with the same parameters exists
          --no-profile        skip the per-query breakdown
          --out FILE          also write the markdown report to FILE
          --seed N            generator seed (default 2023)
          --quiet-wait S      before each round wait up to S seconds for other processes to use < 0.3 core (default 15)
          --retries N         repeat a round up to N times when other processes used > 0.5 core during it (default 2)
        """;

    public int Projects { get; init; } = 50_000;

    public int Months { get; init; } = 36;

    public int Runs { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    public int Seed { get; init; } = 2023;

    public IReadOnlyList<YearMonth> At { get; init; } = [new YearMonth(2023, 6), new YearMonth(2023, 12)];

    public bool Sqlite { get; init; } = true;

    public bool Postgres { get; init; } = true;

    public string? PostgresConnection { get; init; }

    public string DataDir { get; init; } = Path.Combine(Path.GetTempPath(), "planpulse-bench");

    public bool UseCache { get; init; } = true;

    public bool Profile { get; init; } = true;

    public string? Out { get; init; }

    public int QuietWaitSeconds { get; init; } = 15;

    public double QuietCores { get; init; } = 0.3;

    public int MaxRetries { get; init; } = 2;

    public double RetryAboveCores { get; init; } = 0.5;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            int Int() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            o = a switch
            {
                "--projects" => o with { Projects = Int() },
                "--months" => o with { Months = Int() },
                "--runs" => o with { Runs = Int() },
                "--warmup" => o with { Warmup = Int() },
                "--seed" => o with { Seed = Int() },
                "--quick" => o with { Projects = 5_000, Runs = 3 },
                "--at" => o with { At = Next().Split(',').Select(s => YearMonth.TryParse(s, out var m) ? m : throw new ArgumentException($"not a month: {s}")).ToList() },
                "--sqlite-only" => o with { Postgres = false },
                "--postgres-only" => o with { Sqlite = false },
                "--postgres" => o with { PostgresConnection = Next() },
                "--data-dir" => o with { DataDir = Path.GetFullPath(Next()) },
                "--no-cache" => o with { UseCache = false },
                "--no-profile" => o with { Profile = false },
                "--out" => o with { Out = Path.GetFullPath(Next()) },
                "--quiet-wait" => o with { QuietWaitSeconds = Int() },
                "--retries" => o with { MaxRetries = Int() },
                _ => throw new ArgumentException($"unknown option {a}"),
            };
        }

        if (o.Projects < 10 || o.Months is < 1 or > 36 || o.Runs < 1 || o.Warmup < 0)
        {
            throw new ArgumentException("need --projects >= 10, --months 1..36, --runs >= 1, --warmup >= 0");
        }

        return o;
    }
}

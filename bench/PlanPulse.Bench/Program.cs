using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using PlanPulse.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;

if (args.Length > 0 && args[0] == "briefing")
{
    return await BriefingBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "extract")
{
    return ExtractBench.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "indicators")
{
    return await IndicatorBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "excel")
{
    return await ExcelBench.RunAsync(args[1..]);
}

BenchOptions o;
try
{
    o = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var log = Console.Error;
var total = Stopwatch.StartNew();
var data = new BenchData(o.Projects, o.Months, o.Seed);
var databases = new List<BenchDatabase>();
var results = new List<ResultRow>();
var profiles = new List<Profile>();
var notes = new List<string>();

async Task RunOnAsync(BenchDatabase db)
{
    databases.Add(db);
    log.WriteLine($"{db.Label}: ready in {db.LoadSeconds:F1} s{(db.Cached ? " (cached)" : "")}, {db.Size}");
    foreach (var month in o.At)
    {
        results.AddRange(await Harness.MeasureAsync(db, month, o, log));
    }

    if (o.Profile)
    {
        profiles.Add(await Harness.ProfileAsync(db, o.At[^1], log));
    }
}

if (o.Sqlite)
{
    await RunOnAsync(await Stores.SqliteAsync(o, data, log));
}

if (o.Postgres)
{
    var server = o.PostgresConnection ?? Environment.GetEnvironmentVariable("PLANPULSE_TEST_POSTGRES");
    if (string.IsNullOrWhiteSpace(server))
    {
        notes.Add("PostgreSQL not measured: PLANPULSE_TEST_POSTGRES is not set (run under `bash scripts/with-postgres.sh`).");
        log.WriteLine(notes[^1]);
    }
    else
    {
        await RunOnAsync(await Stores.PostgresAsync(server, data, log));
    }
}

var report = Render();
Console.WriteLine(report);
if (o.Out is { } outFile)
{
    Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
    await File.WriteAllTextAsync(outFile, report);
    log.WriteLine($"written to {outFile}");
}

log.WriteLine($"total bench time {total.Elapsed.TotalSeconds:F0} s");
return results.Any(r => r.Check.StartsWith("MISMATCH", StringComparison.Ordinal)) ? 1 : 0;

string Render()
{
    var sb = new StringBuilder();
    sb.AppendLine("## Machine and run");
    sb.AppendLine();
    sb.AppendLine($"- CPU: {Cpu()} — {Environment.ProcessorCount} logical cores; memory {MemoryGiB():F0} GiB; {RuntimeInformation.OSDescription}");
    sb.AppendLine($"- {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Configuration()} build");
    sb.AppendLine($"- portfolio: {data.Projects:N0} projects on each year's annual-major list, {data.Months} months of reports ({data.FirstReportMonth}..{BenchData.LastMonth}, {data.ReportRows:N0} rows), seed {o.Seed}");
    sb.AppendLine($"- {o.Warmup} warm-up + {o.Runs} measured runs per operation, round-robin; median reported; a fresh DbContext per run; allocation = `GC.GetTotalAllocatedBytes(true)` delta");
    foreach (var db in databases)
    {
        sb.AppendLine($"- {db.Label}: {db.ServerVersion}, {db.Size}, {(db.Cached ? "generated earlier (cached file)" : $"generated and loaded in {db.LoadSeconds:F0} s")}");
    }

    foreach (var n in notes)
    {
        sb.AppendLine($"- {n}");
    }

    sb.AppendLine($"- source: {Git()}");
    if (Contention.OthersPerRound.Count > 0)
    {
        var others = Contention.OthersPerRound;
        sb.AppendLine($"- other processes on the machine used {Series.Median(others):F2} cores (median; max {others.Max():F2}) during the kept measurement rounds; {Contention.Retried} round(s) were repeated because others used > {o.RetryAboveCores} core");
    }

    sb.AppendLine($"- whole bench run: {total.Elapsed.TotalSeconds:F0} s");
    sb.AppendLine();
    sb.AppendLine("## Results");
    sb.AppendLine();
    sb.AppendLine("| database | month | app operation | app ms, median (min–max) | app CPU ms | app GC pause ms | app alloc MB | baseline: one plain SQL query | SQL ms | SQL CPU ms | SQL alloc MB | app ÷ SQL, wall | app ÷ SQL, CPU | check |");
    sb.AppendLine("|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|");
    foreach (var r in results)
    {
        sb.AppendLine($"| {r.Db} | {r.Month.Year}-{r.Month.Month:00} | {r.App.Name} | {r.App.MedianMs:F0} ({r.App.MinMs:F0}–{r.App.MaxMs:F0}) | {r.App.MedianCpuMs:F0} | {r.App.MedianGcMs:F0} | {r.App.MedianMb:F0} | {r.Sql.Name} | {r.Sql.MedianMs:F0} ({r.Sql.MinMs:F0}–{r.Sql.MaxMs:F0}) | {r.Sql.MedianCpuMs:F0} | {r.Sql.MedianMb:F2} | ×{r.App.MedianMs / r.Sql.MedianMs:F1} | ×{r.App.MedianCpuMs / r.Sql.MedianCpuMs:F1} | {r.Check} |");
    }

    sb.AppendLine();
    sb.AppendLine("CPU ms = this process's CPU time" + (databases.Any(d => !d.IsSqlite) ? CpuClock.Postmaster != 0 ? "; on PostgreSQL plus the CPU time of the bench's server processes (backend and parallel workers)" : "; on PostgreSQL the server is not on this machine, so its CPU time is not counted" : "") + ". It is less sensitive than wall time to other work on the machine.");
    sb.AppendLine();

    foreach (var p in profiles)
    {
        sb.AppendLine();
        sb.AppendLine($"## Where the time goes: {p.Db}, {p.Month.Year}-{p.Month.Month:00} (of 3 runs after a warm-up, the one with the median evaluation time)");
        sb.AppendLine();
        sb.AppendLine("| step | rows | ms | note |");
        sb.AppendLine("|---|---:|---:|---|");
        foreach (var s in p.Steps)
        {
            sb.AppendLine($"| {s.Step} | {s.Rows} | {s.Ms:F0} | {s.Note} |");
        }

        foreach (var (title, plan) in p.Plans)
        {
            sb.AppendLine();
            sb.AppendLine($"Plan, {title}:");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.AppendLine(plan);
            sb.AppendLine("```");
        }
    }

    return sb.ToString();
}

static string Cpu()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
    catch (IOException)
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}

static string Git()
{
    try
    {
        var head = Run("git", "rev-parse --short HEAD");
        var dirty = Run("git", "status --porcelain -- src").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return dirty == 0 ? $"commit {head}, src clean" : $"commit {head} + {dirty} uncommitted change(s) under src/";
    }
    catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
    {
        return "unknown (no git)";
    }

    static string Run(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException(output);
    }
}

static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0;

static string Configuration()
{
#if DEBUG
    return "DEBUG (numbers not representative: use -c Release)";
#else
    return "Release";
#endif
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Bench;

/// <summary>
/// Issue 6's import benchmark: a 50,000-row project library sheet read with full validation by
/// <see cref="ProjectImport"/> in preview mode (every cell parsed, every name looked up, duplicate codes, existing
/// projects compared; no writes) against MiniExcel's bare read of the same file (every cell enumerated, nothing
/// parsed). The ratio is what reading real sheets properly costs on top of the XML parsing that cannot be avoided.
/// The commit (50,000 inserts with list entries and audit rows) and a preview of the same file once every project
/// exists (all unchanged) are measured too, for the record. SQLite, as an office installs it.
///
///   dotnet run -c Release --project bench/PlanPulse.Bench -- excel [--rows N] [--runs N] [--out FILE]
/// </summary>
internal static class ExcelBench
{
    private const int Year = 2023;

    public static async Task<int> RunAsync(string[] args)
    {
        int rowCount = 50_000, runs = 3;
        string? outFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--rows": rowCount = Next(); break;
                case "--runs": runs = Next(); break;
                case "--out": outFile = Path.GetFullPath(args[++i]); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var log = Console.Error;
        var dir = Path.Combine(Path.GetTempPath(), "planpulse-bench-excel");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "excel.db");
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }

        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={path}", dir);
        await using (var db = Database.Create(options))
        {
            await Database.MigrateAsync(db);
            await SeedLookupsAsync(db);
        }

        var sw = Stopwatch.StartNew();
        var file = Sheet(rowCount);
        log.WriteLine($"sheet of {rowCount:N0} rows written in {sw.Elapsed.TotalSeconds:F1} s, {file.Length / 1024.0 / 1024.0:F1} MB");

        var bare = await MedianAsync(runs, () =>
        {
            long cells = 0;
            using var stream = new MemoryStream(file);
            foreach (var row in stream.Query(useHeaderRow: false))
            {
                foreach (var value in ((IDictionary<string, object?>)row).Values)
                {
                    if (value is not null)
                    {
                        cells++;
                    }
                }
            }

            return Task.FromResult(cells);
        });

        async Task<Measured> ImportAsync(ImportMode mode, Func<ImportResult, bool> expected)
        {
            await using var db = Database.Create(options);
            db.ApplyScope(DataScope.Everything);
            var result = await ProjectImport.RunAsync(db, new MemoryStream(file), new ImportOptions(mode), Year);
            if (!expected(result))
            {
                throw new InvalidOperationException($"unexpected import result: {result.Summary}, {result.Problems.Count} problems: {string.Join("; ", result.Problems.Take(3))}");
            }

            return new Measured(0, result.Summary.Rows, 0);
        }

        var preview = await MedianAsync(runs, async () => (await ImportAsync(ImportMode.Preview, r => r.Ok && r.Summary.Created == rowCount)).Check);
        var commit = await MedianAsync(1, async () => (await ImportAsync(ImportMode.Commit, r => r.Saved && r.Summary.Created == rowCount)).Check, warmup: false);
        var again = await MedianAsync(runs, async () => (await ImportAsync(ImportMode.Preview, r => r.Ok && r.Summary.Unchanged == rowCount)).Check);

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Project library import: {rowCount:N0} rows × {ProjectImport.Columns.Count} columns ({file.Length / 1024.0 / 1024.0:F1} MB .xlsx), SQLite, median of {runs} runs, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        sb.AppendLine();
        sb.AppendLine("| operation | ms | ÷ bare read | allocated |");
        sb.AppendLine("|---|---:|---:|---:|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| MiniExcel bare read (every cell enumerated, {bare.Check:N0} non-empty) | {bare.Ms:F0} | ×1.00 | {bare.AllocMb:F0} MB |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| import preview, new library (full validation, no writes) | {preview.Ms:F0} | ×{preview.Ms / bare.Ms:F2} | {preview.AllocMb:F0} MB |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| import commit, new library ({rowCount:N0} inserts + list entries + audit rows, one transaction; 1 run) | {commit.Ms:F0} | ×{commit.Ms / bare.Ms:F2} | {commit.AllocMb:F0} MB |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| import preview, same file again (every project compared, all unchanged) | {again.Ms:F0} | ×{again.Ms / bare.Ms:F2} | {again.AllocMb:F0} MB |");
        Console.WriteLine(sb);
        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile, sb.ToString());
        }

        return 0;
    }

    private sealed record Measured(double Ms, long Check, double AllocMb);

    private static async Task<Measured> MedianAsync(int runs, Func<Task<long>> op, bool warmup = true)
    {
        if (warmup)
        {
            await op();
        }

        var results = new List<Measured>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            var check = await op();
            sw.Stop();
            results.Add(new Measured(sw.Elapsed.TotalMilliseconds, check, (GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / 1024.0));
        }

        return results.OrderBy(r => r.Ms).ElementAt(results.Count / 2);
    }

    /// <summary>The shape of the main bench's district: 4 commands, 36 departments, 19 towns, 60 owners, 212 people.</summary>
    private static async Task SeedLookupsAsync(AppDbContext db)
    {
        db.ApplyScope(DataScope.Everything);
        db.SuppressRowAudit = true;
        var commands = Enumerable.Range(1, 4).Select(i => new Unit { Code = $"CMD{i}", Name = $"指挥部{i}", Type = UnitType.Command, Path = $"/CMD{i}/" }).ToList();
        var departments = Enumerable.Range(1, 36).Select(i => new Unit { Code = $"D{i:00}", Name = $"区部门{i:00}", Type = UnitType.Department, Path = $"/D{i:00}/" }).ToList();
        var towns = Enumerable.Range(1, 19).Select(i => new Unit { Code = $"T{i:00}", Name = $"街镇{i:00}", Type = UnitType.Town, Path = $"/T{i:00}/" }).ToList();
        var owners = Enumerable.Range(1, 60).Select(i => new Unit { Code = $"O{i:00}", Name = $"业主公司{i:00}", Type = UnitType.Owner, Path = $"/O{i:00}/" }).ToList();
        db.Units.AddRange([.. commands, .. departments, .. towns, .. owners]);
        db.People.AddRange(Enumerable.Range(1, 12).Select(i => new Person { Code = $"L{i:00}", Name = $"领导{i:00}", Role = PersonRole.LeadOfficial }));
        db.People.AddRange(Enumerable.Range(1, 200).Select(i => new Person { Code = $"C{i:000}", Name = $"专员{i:000}", Role = PersonRole.ServiceCommissioner }));
        db.Tracks.AddRange(Enumerable.Range(1, 3).Select(i => new Track { Year = Year, Code = $"track{i}", Name = $"专项{i}", Command = commands[i], SortOrder = i }));
        db.ProjectLists.Add(new ProjectList { Year = Year, Code = "annual-major", Name = "年度重大建设项目", SortOrder = 1 });
        db.ProjectLists.Add(new ProjectList { Year = Year, Code = "special-major", Name = "特别重大项目", SortOrder = 2 });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A sheet as offices fill them: a title row, amounts half as numbers and half as text with thousands separators,
    /// dates as text, two lists on one project in ten, a 合计 row at the end.
    /// </summary>
    private static byte[] Sheet(int count)
    {
        var random = new Random(6);
        var rows = new List<Dictionary<string, object?>>(count + 2);
        string[] phases = ["前期", "新开工", "续建", "竣工"];
        for (var i = 0; i < count; i++)
        {
            var total = Math.Round((decimal)(random.NextDouble() * random.NextDouble() * 500_000) + 100m, 2);
            var start = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 5 * 365));
            object Amount(decimal v) => i % 2 == 0 ? (double)v : v.ToString("#,0.##", CultureInfo.InvariantCulture);
            rows.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["项目代码"] = $"2023-{i + 1:000000}",
                ["项目名称"] = $"重大项目{i + 1}号",
                ["建设内容"] = "新建厂房及配套设施,购置生产设备",
                ["所属专项"] = $"专项{(i % 3) + 1}",
                ["所属清单"] = i % 10 == 0 ? "年度重大建设项目、特别重大项目" : "年度重大建设项目",
                ["项目阶段"] = phases[i % phases.Length],
                ["所在街镇"] = $"街镇{(i % 19) + 1:00}",
                ["业主单位"] = $"业主公司{(i % 60) + 1:00}",
                ["责任单位"] = $"区部门{(i % 36) + 1:00}",
                ["责任领导"] = $"领导{(i % 12) + 1:00}",
                ["服务专员"] = $"专员{(i % 200) + 1:000}",
                ["指挥部"] = $"指挥部{(i % 3) + 2}",
                ["总投资(万元)"] = Amount(total),
                ["计划开工"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["计划竣工"] = start.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["中央预算内(万元)"] = Amount(Math.Round(total * 0.1m, 2)),
                ["地方政府专项债(万元)"] = Amount(Math.Round(total * 0.2m, 2)),
                ["银行贷款(万元)"] = Amount(Math.Round(total * 0.3m, 2)),
                ["企业自筹(万元)"] = Amount(Math.Round(total * 0.3m, 2)),
                ["其他资金(万元)"] = 0d,
            });
        }

        var subtotal = rows[0].Keys.ToDictionary(k => k, _ => (object?)null, StringComparer.Ordinal);
        subtotal["项目代码"] = "合计";
        rows.Add(subtotal);
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: ProjectImport.SheetName);
        return stream.ToArray();
    }
}

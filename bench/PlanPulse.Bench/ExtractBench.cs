using System.Diagnostics;
using System.Globalization;
using System.Text;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Text;

namespace PlanPulse.Bench;

/// <summary>
/// Issue 5's speed: extraction over the seed repeated to about 10 MB, one thread, against the floor of the same
/// pass any extractor needs (normalising the text: traditional → simplified, full-width → narrow) in the same
/// process. Prints wall and CPU MB/s (on a shared machine CPU time is the per-core figure) and the ratio.
///
///   dotnet run -c Release --project bench/PlanPulse.Bench -- extract [--megabytes N] [--runs N]
/// </summary>
internal static class ExtractBench
{
    public static int Run(string[] args)
    {
        var megabytes = 10;
        var runs = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--megabytes": megabytes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlanPulse.slnx")))
        {
            dir = dir.Parent;
        }

        var seed = File.ReadAllText(Path.Combine(dir!.FullName, "tests", "fixtures", "seed", "000_6da318eeea9b20a6.txt"));
        var sb = new StringBuilder();
        while (sb.Length * 3 < megabytes * 1_000_000)
        {
            sb.Append(seed).Append('\n');
        }

        var text = sb.ToString();
        var mb = Encoding.UTF8.GetByteCount(text) / 1e6;
        PlanExtractor.Extract(seed); // warm-up
        Chinese.Normalize(seed);

        var extract = Measure(runs, () => PlanExtractor.Extract(text).Facts.Count);
        var normalise = Measure(runs, () => Chinese.Normalize(text).Length);
        Console.WriteLine($"Extraction over the seed repeated to {mb:F1} MB ({extract.Check:N0} facts), median of {runs} runs, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| operation | wall s | CPU s | MB/s per core (CPU) | ratio to normalise |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| extract (facts + tasks) | {extract.Wall:F2} | {extract.Cpu:F2} | {mb / extract.Cpu:F1} | ×{extract.Cpu / normalise.Cpu:F1} |");
        Console.WriteLine($"| normalise only (baseline) | {normalise.Wall:F2} | {normalise.Cpu:F2} | {mb / normalise.Cpu:F1} | ×1.0 |");
        return 0;
    }

    private static (double Wall, double Cpu, long Check) Measure(int runs, Func<long> op)
    {
        var results = new List<(double Wall, double Cpu, long Check)>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var check = op();
            sw.Stop();
            process.Refresh();
            results.Add((sw.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds, check));
        }

        return results.OrderBy(r => r.Cpu).ElementAt(results.Count / 2);
    }
}

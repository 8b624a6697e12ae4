using System.Diagnostics;
using System.Globalization;

namespace PlanPulse.Bench;

/// <summary>
/// CPU time of the bench's PostgreSQL server when it runs on this machine: utime + stime of its postmaster and of every
/// child of it (backends, parallel workers, background processes), plus the children's time the postmaster has reaped
/// (workers that have exited). Other PostgreSQL servers on the machine (other people's tests) are not counted.
/// Clock ticks of 1/100 s.
/// </summary>
internal static class CpuClock
{
    public static int Postmaster { get; private set; }

    /// <summary>Finds the postmaster as the parent of a backend of the bench's connection.</summary>
    public static void Track(int backendPid)
    {
        var stat = Stat(backendPid);
        Postmaster = stat is null ? 0 : int.Parse(stat[1], CultureInfo.InvariantCulture);
    }

    public static double ServerMs()
    {
        if (Postmaster == 0)
        {
            return 0;
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var f = Stat(pid);
            if (f is null || (pid != Postmaster && f[1] != Postmaster.ToString(CultureInfo.InvariantCulture)))
            {
                continue;
            }

            // After ") ": state ppid … utime(14) stime(15) cutime(16) cstime(17) as fields 11..14 here.
            ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        }

        return ticks * 10.0;
    }

    /// <summary>The fields of /proc/PID/stat after the command name, or null.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile, or not on this machine
        }
    }
}

/// <summary>
/// Other work on the machine (2 cores, shared with other engineers' builds and tests) inflates wall times. Before a
/// round the bench waits (a while) for the machine to be quiet; during it, it measures how many cores other processes
/// used (all CPU time in /proc/stat minus this process and the local PostgreSQL server), and repeats a round that
/// competed too much. What was seen goes into the report.
/// </summary>
internal static class Contention
{
    private static readonly List<double> Kept = [];

    public static int Retried { get; private set; }

    public static IReadOnlyList<double> OthersPerRound => Kept;

    public readonly record struct Mark(long BusyTicks, double SelfMs, double ServerMs, long Timestamp);

    public static Mark Now(bool server) =>
        new(BusyTicks(), Environment.CpuUsage.TotalTime.TotalMilliseconds, server ? CpuClock.ServerMs() : 0, Stopwatch.GetTimestamp());

    /// <summary>Average cores used by other processes between two marks.</summary>
    public static double Others(Mark a, Mark b)
    {
        var wall = Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalMilliseconds;
        var others = ((b.BusyTicks - a.BusyTicks) * 10.0) - (b.SelfMs - a.SelfMs) - (b.ServerMs - a.ServerMs);
        return wall <= 0 ? 0 : Math.Max(0, others / wall);
    }

    /// <summary>Waits until others use less than <paramref name="cores"/> over a second, at most <paramref name="maxSeconds"/>.</summary>
    public static async Task<double> WaitQuietAsync(bool server, double cores, int maxSeconds)
    {
        var others = double.NaN;
        for (var waited = 0; waited <= maxSeconds; waited++)
        {
            var a = Now(server);
            await Task.Delay(1000);
            others = Others(a, Now(server));
            if (others < cores)
            {
                break;
            }
        }

        return others;
    }

    public static void Keep(double others, bool retried)
    {
        Kept.Add(others);
        Retried += retried ? 1 : 0;
    }

    /// <summary>user + nice + system + irq + softirq + steal of the "cpu" line of /proc/stat, in clock ticks.</summary>
    private static long BusyTicks()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long T(int i) => i < f.Length ? long.Parse(f[i], CultureInfo.InvariantCulture) : 0;
            return T(1) + T(2) + T(3) + T(6) + T(7) + T(8);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

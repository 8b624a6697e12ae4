namespace PlanPulse.Domain.Portfolio;

/// <summary>One evaluated project as the rollups see it. Amounts in 万元.</summary>
public sealed record ProjectLine(decimal TotalInvestment, decimal AnnualPlan, decimal Completed, Colour Colour);

/// <summary>Totals of a group of projects (a track, tier, unit, town, command or phase).</summary>
public sealed record RollupRow(
    string Key,
    int Projects,
    decimal TotalInvestment,
    decimal AnnualPlan,
    decimal Completed,
    decimal? CompletionRate,
    ColourCounts Colours);

public static class Rollup
{
    /// <summary>Totals over all lines; the completion rate is null when the annual plan is zero.</summary>
    public static RollupRow Total(string key, IEnumerable<ProjectLine> lines)
    {
        int n = 0;
        decimal total = 0, plan = 0, done = 0;
        var colours = new int[5];
        foreach (var l in lines)
        {
            n++;
            total += l.TotalInvestment;
            plan += l.AnnualPlan;
            done += l.Completed;
            colours[(int)l.Colour]++;
        }

        return new RollupRow(
            key,
            n,
            total,
            plan,
            done,
            plan > 0 ? done / plan : null,
            new ColourCounts(colours[0], colours[1], colours[2], colours[3], colours[4]));
    }

    /// <summary>
    /// Groups lines by key, in the order the keys first appear (callers pass lines in their display order).
    /// A line may belong to several groups (a project on several lists), hence many keys per line.
    /// </summary>
    public static IReadOnlyList<RollupRow> By<T>(IEnumerable<T> items, Func<T, IEnumerable<string>> keys, Func<T, ProjectLine> line)
    {
        var groups = new Dictionary<string, List<ProjectLine>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var item in items)
        {
            var l = line(item);
            foreach (var k in keys(item))
            {
                if (!groups.TryGetValue(k, out var list))
                {
                    groups[k] = list = [];
                    order.Add(k);
                }

                list.Add(l);
            }
        }

        return order.Select(k => Total(k, groups[k])).ToList();
    }

    public static IReadOnlyList<RollupRow> By<T>(IEnumerable<T> items, Func<T, string> key, Func<T, ProjectLine> line) =>
        By(items, i => [key(i)], line);
}

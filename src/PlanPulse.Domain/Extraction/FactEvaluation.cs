using PlanPulse.Domain.Text;

namespace PlanPulse.Domain.Extraction;

/// <summary>How a proposed metric name is compared with a labelled one.</summary>
public enum MetricMatch
{
    /// <summary>Same text after normalisation (simplified, narrow forms).</summary>
    Exact,

    /// <summary>
    /// One contains the other, or they share most characters (Dice ≥ 0.75): the reviewer sees the same metric
    /// (改造老化燃气管道社区 vs 改造社区老化燃气管道). Values, units, growth, year, kind and qualifier still match exactly.
    /// </summary>
    Lenient,
}

public sealed record EvaluationResult(int Labelled, int Proposed, int Matched, IReadOnlyList<PlanFact> Missed, IReadOnlyList<PlanFact> Spurious)
{
    public double Precision => Proposed == 0 ? 1 : (double)Matched / Proposed;

    public double Recall => Labelled == 0 ? 1 : (double)Matched / Labelled;
}

/// <summary>Precision and recall of proposed facts against a labelled (golden) list.</summary>
public static class FactEvaluation
{
    /// <summary>
    /// Each labelled fact is matched to at most one proposed fact with equal value, unit, growth, year, kind and
    /// qualifier and a matching metric; among candidates the nearest by offset wins (restatements of one figure).
    /// </summary>
    public static EvaluationResult Compare(IReadOnlyList<PlanFact> labelled, IReadOnlyList<PlanFact> proposed, MetricMatch metricMatch, bool checkQualifier = true)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(proposed);
        var used = new bool[proposed.Count];
        var missed = new List<PlanFact>();
        foreach (var g in labelled)
        {
            var best = -1;
            for (var i = 0; i < proposed.Count; i++)
            {
                var p = proposed[i];
                if (used[i] || p.Value != g.Value || p.GrowthPct != g.GrowthPct || p.Year != g.Year || p.Kind != g.Kind
                    || !SameUnit(p.Unit, g.Unit) || (checkQualifier && p.Qualifier != g.Qualifier) || !SameMetric(p.Metric, g.Metric, metricMatch))
                {
                    continue;
                }

                if (best < 0 || Math.Abs(p.Start - g.Start) < Math.Abs(proposed[best].Start - g.Start))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                missed.Add(g);
            }
            else
            {
                used[best] = true;
            }
        }

        var spurious = proposed.Where((_, i) => !used[i]).ToList();
        return new EvaluationResult(labelled.Count, proposed.Count, labelled.Count - missed.Count, missed, spurious);
    }

    public static bool SameMetric(string proposed, string labelled, MetricMatch match)
    {
        var a = Chinese.Normalize(proposed ?? "");
        var b = Chinese.Normalize(labelled ?? "");
        if (a == b)
        {
            return true;
        }

        if (match == MetricMatch.Exact || a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        if ((a.Length >= 2 && b.Contains(a, StringComparison.Ordinal)) || (b.Length >= 2 && a.Contains(b, StringComparison.Ordinal)))
        {
            return true;
        }

        return FactAdoption.Dice(a, b) >= 0.75;
    }

    private static bool SameUnit(string? a, string? b) => Chinese.Normalize(a ?? "") == Chinese.Normalize(b ?? "");
}

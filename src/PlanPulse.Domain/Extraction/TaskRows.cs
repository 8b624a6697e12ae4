namespace PlanPulse.Domain.Extraction;

/// <summary>
/// Quantified commitments of the plan part as rows of a draft responsibility list (任务分解): the clause that
/// commits, its quantity and unit, the section, and the responsible units when the document names them.
/// </summary>
internal static class TaskRows
{
    // How far after a sentence a trailing (责任单位:…) is looked for.
    private const int UnitsLookahead = 160;

    public static PlanTask From(string original, string normalized, Draft d, SectionContext context, Func<int, int> offset)
    {
        var start = Math.Min(d.QuoteStart, d.ClauseStart);
        var end = Math.Max(d.QuoteEnd, d.ClauseEnd);
        var text = original[start..end].Trim();
        var quantity = d.Value ?? d.Growth;
        var unit = d.Value is not null ? d.Unit : "%";
        return new PlanTask(text, d.Metric.Original(original), quantity, unit, context.Path, context.Year, SubjectUnits(original, normalized, d.SentenceStart, d.SentenceEnd), offset(start), offset(end));
    }

    /// <summary>Units listed after 责任单位/牵头单位 in or just after the sentence, in the document's characters.</summary>
    private static List<string> SubjectUnits(string original, string normalized, int sentenceStart, int sentenceEnd)
    {
        var limit = Math.Min(normalized.Length, sentenceEnd + UnitsLookahead);
        foreach (var marker in Vocabulary.SubjectUnitMarkers)
        {
            var at = normalized.IndexOf(marker, sentenceStart, limit - sentenceStart, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var from = at + marker.Length;
            while (from < limit && normalized[from] is ':' or ' ' or ':')
            {
                from++;
            }

            var to = from;
            while (to < limit && normalized[to] is not (')' or '。' or '\n' or ';'))
            {
                to++;
            }

            var units = new List<string>();
            var itemStart = from;
            for (var i = from; i <= to; i++)
            {
                if (i == to || normalized[i] is '、' or ',')
                {
                    var item = original[itemStart..i].Trim();
                    if (item.EndsWith('等'))
                    {
                        item = item[..^1];
                    }

                    if (item.Length > 0)
                    {
                        units.Add(item);
                    }

                    itemStart = i + 1;
                }
            }

            return units;
        }

        return [];
    }
}

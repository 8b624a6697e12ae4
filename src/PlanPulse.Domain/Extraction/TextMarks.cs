namespace PlanPulse.Domain.Extraction;

/// <summary>A run of a document's text, with the proposals whose quote covers it (none for plain text).</summary>
public sealed record TextRun(string Text, IReadOnlyList<int> Ids);

/// <summary>
/// Cuts a document's text into runs for showing quotes in place: every character belongs to one run, and a run's ids
/// are the proposals whose quote covers it, so overlapping quotes (the items of a 分别 list share one) need no nested
/// marks. Offsets are in code points, as the extractor counts them; the runs are .NET strings.
/// </summary>
public static class TextMarks
{
    public static IReadOnlyList<TextRun> Runs(string text, IEnumerable<(int Start, int End, int Id)> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);

        // Code point i starts at UTF-16 index index[i]; index[count] is the text's length.
        var index = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            index.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        var points = index.Count;
        index.Add(text.Length);

        // Boundaries where the set of covering spans changes; spans outside the text are clipped, empty ones dropped.
        var list = spans.Select(s => (Start: Math.Clamp(s.Start, 0, points), End: Math.Clamp(s.End, 0, points), s.Id))
            .Where(s => s.End > s.Start).ToList();
        var cuts = new SortedSet<int> { 0, points };
        foreach (var s in list)
        {
            cuts.Add(s.Start);
            cuts.Add(s.End);
        }

        var runs = new List<TextRun>();
        int? from = null;
        foreach (var cut in cuts)
        {
            if (from is { } a && cut > a)
            {
                var ids = list.Where(s => s.Start <= a && s.End >= cut).Select(s => s.Id).Distinct().Order().ToList();
                var piece = text[index[a]..index[cut]];
                if (ids.Count == 0 && runs.Count > 0 && runs[^1].Ids.Count == 0)
                {
                    runs[^1] = new TextRun(runs[^1].Text + piece, []);
                }
                else
                {
                    runs.Add(new TextRun(piece, ids));
                }
            }

            from = cut;
        }

        return runs;
    }
}

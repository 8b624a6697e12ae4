using PlanPulse.Domain.Extraction;

namespace PlanPulse.Domain.Tests.Extraction;

public sealed class TextMarksTests
{
    private static string Show(IReadOnlyList<TextRun> runs) =>
        string.Concat(runs.Select(r => r.Ids.Count == 0 ? r.Text : $"[{string.Join(',', r.Ids)}:{r.Text}]"));

    public static TheoryData<string, (int, int, int)[], string> Cases => new()
    {
        { "abcdef", [], "abcdef" },
        { "", [], "" },
        { "abcdef", [(1, 3, 7)], "a[7:bc]def" },
        { "abcdef", [(0, 6, 1)], "[1:abcdef]" },
        // Items of one list share a quote: one run with both ids, no nested marks.
        { "abcdef", [(1, 4, 1), (1, 4, 2)], "a[1,2:bcd]ef" },
        // Overlapping quotes: the overlap carries both.
        { "abcdef", [(0, 3, 1), (2, 5, 2)], "[1:ab][1,2:c][2:de]f" },
        // Spans outside the text are clipped; empty and reversed ones dropped.
        { "abc", [(2, 10, 1), (-5, 1, 2), (2, 2, 3), (3, 1, 4)], "[2:a]b[1:c]" },
        // Offsets count code points: 𠀀 (a supplementary-plane character) is one.
        { "a𠀀bc", [(1, 2, 1), (2, 3, 2)], "a[1:𠀀][2:b]c" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Runs_CoverTheTextOnce(string text, (int, int, int)[] spans, string expected)
    {
        var runs = TextMarks.Runs(text, spans.Select(s => (s.Item1, s.Item2, s.Item3)));
        Assert.Equal(expected, Show(runs));
        Assert.Equal(text, string.Concat(runs.Select(r => r.Text)));
    }
}

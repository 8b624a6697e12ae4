using System.Buffers;
using System.Text;
using PlanPulse.Domain.Text;

namespace PlanPulse.Domain.Extraction;

/// <summary>
/// Reads a Chinese plan document (plan execution report, draft plan, government work report) and proposes every
/// quantitative fact and, from the plan part, every quantified commitment as a task row.
/// </summary>
/// <remarks>
/// Works on the normalised text (simplified characters, narrow digits and punctuation: the same length as the
/// original) and cuts quotes from the original, so traditional or full-width input gives the same facts with the
/// document's own characters. The unit of work is the clause (text between commas) inside a sentence: figures
/// are found first, then the words before each run of figures name the metric. Conventions follow
/// tests/fixtures/seed/README.md.
/// </remarks>
public static class PlanExtractor
{
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。;!?\n\r");

    public static ExtractionResult Extract(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.Length == 0)
        {
            return ExtractionResult.Empty;
        }

        var normalized = Chinese.Normalize(original);
        var outline = DocumentOutline.Parse(original, normalized);
        var facts = new List<Draft>();
        var sentenceStart = 0;
        while (sentenceStart <= normalized.Length)
        {
            var next = normalized.AsSpan(sentenceStart).IndexOfAny(SentenceEnds);
            var i = next < 0 ? normalized.Length : sentenceStart + next;
            if (i > sentenceStart)
            {
                new SentenceReader(normalized, sentenceStart, i).Read(facts);
            }

            sentenceStart = i + 1;
        }

        var offsets = new CodePoints(original);
        var result = new List<PlanFact>(facts.Count);
        var tasks = new List<PlanTask>();
        foreach (var d in facts)
        {
            var context = DocumentOutline.At(outline, d.QuoteStart);
            if (context.Appendix)
            {
                continue;
            }

            var qualifier = d.Qualifier;
            if (context.Kind == FactKind.Actual && qualifier == "达到")
            {
                // 达 before an actual figure just reports it; for a target it is the bound of the commitment.
                qualifier = null;
            }

            var metric = d.Metric.Original(original);
            var quote = original[d.QuoteStart..d.QuoteEnd];
            result.Add(new PlanFact(
                metric,
                d.Value,
                d.Value is null ? null : d.Unit,
                d.Growth,
                context.Year,
                context.Kind,
                qualifier,
                quote,
                offsets.Of(d.QuoteStart),
                offsets.Of(d.QuoteEnd),
                context.Path));

            if (context.Kind == FactKind.Target)
            {
                tasks.Add(TaskRows.From(original, normalized, d, context, offsets.Of));
            }
        }

        return new ExtractionResult(result, tasks);
    }

    /// <summary>Code point offsets, as Python and most tools count characters (UTF-16 counts a surrogate pair twice).</summary>
    private sealed class CodePoints
    {
        private readonly int[]? _map;

        public CodePoints(string text)
        {
            if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
            {
                return;
            }

            _map = new int[text.Length + 1];
            var cp = 0;
            for (var i = 0; i < text.Length; i++)
            {
                _map[i] = cp;
                if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
                {
                    cp++;
                }
            }

            _map[text.Length] = cp;
        }

        public int Of(int utf16Index) => _map is null ? utf16Index : _map[utf16Index];
    }
}

/// <summary>A fact being assembled; the metric is a phrase of the text (see <see cref="Phrase"/>).</summary>
internal sealed class Draft
{
    public Phrase Metric { get; set; } = Phrase.Empty;

    public decimal? Value { get; set; }

    public string? Unit { get; set; }

    public decimal? Growth { get; set; }

    public string? Qualifier { get; set; }

    public int QuoteStart { get; set; }

    public int QuoteEnd { get; set; }

    public int ClauseStart { get; set; }

    public int ClauseEnd { get; set; }

    public int SentenceStart { get; set; }

    public int SentenceEnd { get; set; }
}

/// <summary>One piece of a metric: a span of the text, or a literal word the extractor adds (the 占 of a share).</summary>
internal readonly record struct Piece(int Start, int Length, string? Literal);

/// <summary>
/// A metric assembled from pieces of the text (a carried verb plus a list item, a name with an inner verb cut
/// out). Pieces remember their spans so that the metric can be written in the document's own characters.
/// </summary>
internal sealed record Phrase(IReadOnlyList<Piece> Pieces)
{
    public static readonly Phrase Empty = new([]);

    public bool IsEmpty => Pieces.Count == 0;

    public static Phrase Span(int start, int end) => end > start ? new([new Piece(start, end - start, null)]) : Empty;

    public static Phrase Literal(string text) => new([new Piece(0, 0, text)]);

    public Phrase Then(Phrase next) => new([.. Pieces, .. next.Pieces]);

    public string Text(string normalized) => Build(normalized);

    public string Original(string original) => Build(original);

    private string Build(string source)
    {
        var sb = new StringBuilder();
        foreach (var p in Pieces)
        {
            if (p.Literal is { } literal)
            {
                sb.Append(literal);
            }
            else
            {
                sb.Append(source, p.Start, p.Length);
            }
        }

        return sb.ToString();
    }
}

using System.Text;

namespace PlanPulse.Domain.Text;

/// <summary>
/// Traditional → simplified Chinese with OpenCC's dictionaries. Length-preserving (a phrase is only replaced by
/// one of the same length), so character offsets into the converted text are offsets into the original: plan
/// documents are matched on the simplified form while quotes are cut from the original.
/// </summary>
public static class Chinese
{
    private static readonly Lazy<Tables> Dictionaries = new(Load);

    public static string ToSimplified(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var tables = Dictionaries.Value;

        // Span lookups: no substring is allocated per position (this runs over every character of a document).
        var chars = tables.Chars.GetAlternateLookup<ReadOnlySpan<char>>();
        var phrases = tables.Phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;

            // Only characters that start some phrase are tried, each up to its own longest phrase.
            if (tables.PhraseLengthByFirst.TryGetValue(text[i], out var longest))
            {
                for (var len = Math.Min(longest, text.Length - i); len >= 2; len--)
                {
                    if (phrases.TryGetValue(text.AsSpan(i, len), out var phrase))
                    {
                        sb.Append(phrase);
                        i += len;
                        matched = true;
                        break;
                    }
                }
            }

            if (matched)
            {
                continue;
            }

            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var key = text.AsSpan(i, width);
            if (chars.TryGetValue(key, out var simple))
            {
                sb.Append(simple);
            }
            else
            {
                sb.Append(key);
            }

            i += width;
        }

        return sb.ToString();
    }

    /// <summary>Full-width digits, letters and punctuation to ASCII, one character for one, so offsets hold.</summary>
    public static string NarrowForms(string text)
    {
        var buffer = text.ToCharArray();
        for (var i = 0; i < buffer.Length; i++)
        {
            var c = buffer[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                buffer[i] = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                buffer[i] = ' ';
            }
        }

        return new string(buffer);
    }

    /// <summary>The matching form: simplified, narrow forms; same length as the input.</summary>
    public static string Normalize(string text) => NarrowForms(ToSimplified(text));

    private static Tables Load()
    {
        var chars = Read("OpenCC.TSCharacters.txt");
        var phrases = Read("OpenCC.TSPhrases.txt");
        var lengths = new Dictionary<char, int>();
        foreach (var key in phrases.Keys)
        {
            lengths[key[0]] = Math.Max(lengths.GetValueOrDefault(key[0]), key.Length);
        }

        return new Tables(chars, phrases, lengths);
    }

    private sealed record Tables(Dictionary<string, string> Chars, Dictionary<string, string> Phrases, Dictionary<char, int> PhraseLengthByFirst);

    private static Dictionary<string, string> Read(string resource)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = typeof(Chinese).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"缺少内嵌资源 {resource}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var key = line[..tab];
            var value = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

            // Only same-length replacements, so offsets survive conversion.
            if (value is not null && value.Length == key.Length)
            {
                map[key] = value;
            }
        }

        return map;
    }
}

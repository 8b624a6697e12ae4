using System.Text.Json;
using PlanPulse.Domain.Extraction;

namespace PlanPulse.Domain.Tests.Extraction;

/// <summary>The seed report and its golden facts (tests/fixtures/seed), found by walking up from the test binaries.</summary>
internal static class SeedFixture
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "seed");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/seed not found above " + AppContext.BaseDirectory);
    });

    public static string Text => File.ReadAllText(Path.Combine(Folder.Value, "000_6da318eeea9b20a6.txt"));

    public static IReadOnlyList<PlanFact> Golden => File.ReadLines(Path.Combine(Folder.Value, "seed-facts.jsonl"))
        .Where(l => l.Trim().Length > 0)
        .Select(Parse)
        .ToList();

    public static PlanFact Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var r = doc.RootElement;
        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static decimal? Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
        return new PlanFact(
            Str(r, "metric") ?? "",
            Dec(r, "value"),
            Str(r, "unit"),
            Dec(r, "growth_pct"),
            r.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
            Str(r, "kind") switch { "actual" => FactKind.Actual, "target" => FactKind.Target, _ => null },
            Str(r, "qualifier"),
            Str(r, "quote") ?? "",
            r.GetProperty("start").GetInt32(),
            r.GetProperty("end").GetInt32(),
            Str(r, "section") ?? "");
    }
}

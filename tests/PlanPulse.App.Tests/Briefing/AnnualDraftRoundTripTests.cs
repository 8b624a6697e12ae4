using PlanPulse.App.Features.Briefing;
using PlanPulse.App.Features.Extraction;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Tests.Briefing;

/// <summary>
/// The annual draft's figures read back by the extractor unchanged: what the system writes, the system (and anyone
/// copying from the Word file) reads as the same numbers, years and kinds.
/// </summary>
public sealed class AnnualDraftRoundTripTests
{
    [Fact]
    public async Task Extract_Draft2022_EveryFigureReadBackUnchanged()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        var model = await AnnualDraft.BuildAsync(db, 2022);
        var text = PlanDocumentReader.Read(AnnualDraft.ToDocx(model), "draft.docx");

        var facts = PlanExtractor.Extract(text).Facts;

        var written = model.Actuals.SelectMany(a => a.Facts).Concat(model.Targets).ToList();
        Assert.True(written.Count > 150, $"only {written.Count} figures written");
        var missed = written.Where(d => !facts.Any(f => Same(d, f))).Select(d => d.Sentence).ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} of {written.Count} not read back:\n" + string.Join("\n", missed));
    }

    private static bool Same(DraftFact d, PlanFact f)
    {
        var metric = Chinese.Normalize(f.Metric);
        var name = d.Indicator;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0)
        {
            name = name[..paren]; // 老旧片区改造(个数): the document names the indicator, the unit tells them apart
        }

        return (metric.Contains(name, StringComparison.Ordinal) || name.Contains(metric, StringComparison.Ordinal))
            && f.Year == d.Year
            && f.Kind == (d.Target ? FactKind.Target : FactKind.Actual)
            && f.Value == d.Value
            && f.GrowthPct == d.GrowthPct;
    }
}

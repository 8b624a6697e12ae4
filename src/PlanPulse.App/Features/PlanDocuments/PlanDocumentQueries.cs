using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Extraction;

namespace PlanPulse.App.Features.PlanDocuments;

public sealed record PlanDocumentSummaryDto(int Id, string FileName, string Title, int? PlanYear, string UploadedBy, DateTime UploadedAt,
    int Facts, int FactsPending, int FactsAccepted, int FactsRejected, int Tasks, int TasksPending, int TasksAccepted);

public sealed record ProposedFactDto(int Id, int Ordinal, string Metric, decimal? Value, string? Unit, decimal? GrowthPct, int? Year, string? Kind,
    string? Qualifier, string Quote, int Start, int End, string Section, string Status, int Version, string? IndicatorCode, string? IndicatorName,
    int? IndicatorId, string? ReviewedBy, string? RejectReason, IReadOnlyList<IndicatorSuggestionDto> Suggestions);

public sealed record IndicatorSuggestionDto(string Code, string Name, string Unit, double Score, string Why);

public sealed record ProposedTaskDto(int Id, int Ordinal, string Text, string Metric, decimal? Quantity, string? Unit, string Section, int? Year,
    string? SubjectUnits, int Start, int End, string Status, int Version, int? KeyTaskId);

/// <summary>A document as the review page needs it: the proposals, the text their offsets count in, the indicator catalogue.</summary>
public sealed record PlanDocumentView(PlanDocumentDto Dto, string Text, IReadOnlyList<CatalogueEntry> Catalogue);

public sealed record PlanDocumentDto(PlanDocumentSummaryDto Document, IReadOnlyList<ProposedFactDto> Facts, IReadOnlyList<ProposedTaskDto> Tasks);

/// <summary>Reads for the plan-document review: the list of uploads, one document with its proposals (the key-task list: KeyTaskQueries).</summary>
public static class PlanDocumentQueries
{
    public static string StatusText(ReviewStatus s) => s switch
    {
        ReviewStatus.Accepted => "accepted",
        ReviewStatus.Rejected => "rejected",
        _ => "pending",
    };

    public static async Task<IReadOnlyList<PlanDocumentSummaryDto>> ListAsync(AppDbContext db, CancellationToken ct = default) =>
        await Summaries(db.PlanDocuments.AsNoTracking().OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id)).ToListAsync(ct);

    private static IQueryable<PlanDocumentSummaryDto> Summaries(IQueryable<PlanDocument> documents) =>
        documents.Select(d => new PlanDocumentSummaryDto(d.Id, d.FileName, d.Title, d.PlanYear, d.UploadedBy, d.UploadedAt,
                d.Facts.Count, d.Facts.Count(f => f.Status == ReviewStatus.Pending), d.Facts.Count(f => f.Status == ReviewStatus.Accepted),
                d.Facts.Count(f => f.Status == ReviewStatus.Rejected), d.Tasks.Count, d.Tasks.Count(t => t.Status == ReviewStatus.Pending),
                d.Tasks.Count(t => t.Status == ReviewStatus.Accepted)));

    /// <summary>One document with every proposal; pending facts carry up to three catalogue suggestions.</summary>
    public static async Task<PlanDocumentView?> GetAsync(AppDbContext db, int id, CancellationToken ct = default)
    {
        var summary = await Summaries(db.PlanDocuments.AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return null;
        }

        var text = await db.PlanDocuments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Text).FirstAsync(ct);
        var catalogue = await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => new { i.Id, i.Code, i.Name, i.Unit }).ToListAsync(ct);
        var byCode = catalogue.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var byId = catalogue.ToDictionary(i => i.Id);
        var entries = catalogue.Select(i => new CatalogueEntry(i.Code, i.Name, i.Unit)).ToList();
        var facts = (await db.ProposedFacts.AsNoTracking().Where(f => f.DocumentId == id).OrderBy(f => f.Ordinal).ToListAsync(ct))
            .Select(f =>
            {
                var indicator = f.IndicatorId is { } iid && byId.TryGetValue(iid, out var i) ? i : null;
                var suggestions = f.Status == ReviewStatus.Pending
                    ? FactAdoption.Suggest(f.Metric, f.Unit, entries).Select(s => new IndicatorSuggestionDto(s.Code, byCode[s.Code].Name, byCode[s.Code].Unit, s.Score, s.Why)).ToList()
                    : [];
                return new ProposedFactDto(f.Id, f.Ordinal, f.Metric, f.Value, f.Unit, f.GrowthPct, f.Year, f.Kind, f.Qualifier, f.Quote, f.Start, f.End, f.Section,
                    StatusText(f.Status), f.Version, indicator?.Code, indicator?.Name, indicator?.Id, f.ReviewedBy, f.RejectReason, suggestions);
            }).ToList();
        var tasks = (await db.ProposedTasks.AsNoTracking().Where(t => t.DocumentId == id).OrderBy(t => t.Ordinal).ToListAsync(ct))
            .Select(t => new ProposedTaskDto(t.Id, t.Ordinal, t.Text, t.Metric, t.Quantity, t.Unit, t.Section, t.Year, t.SubjectUnits, t.Start, t.End,
                StatusText(t.Status), t.Version, t.KeyTaskId))
            .ToList();
        return new PlanDocumentView(new PlanDocumentDto(summary, facts, tasks), text, entries);
    }
}

using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Paging;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.RuleSets;

/// <summary>One project whose colour a draft rule set would change: before (saved rules) and after (the draft).</summary>
public sealed record ColourChange(int ProjectId, string Code, string Name, string ResponsibleUnit, Colour Before, Colour After, string ReasonBefore, string ReasonAfter);

/// <summary>
/// What a draft rule set would do to a month's colours: the counts under the saved rules and under the draft, and one
/// page of the projects that change colour (in project-code order).
/// </summary>
public sealed record RuleSetPreviewResult(
    YearMonth Month,
    string ListName,
    int Projects,
    ColourCounts Before,
    ColourCounts After,
    int Changed,
    IReadOnlyList<ColourChange> Items,
    int Page,
    int PageSize,
    int PageCount);

public static class RuleSetPreview
{
    public const int DefaultPageSize = 20;

    /// <summary>
    /// Evaluates the list as of <paramref name="month"/> twice, under the saved rules and under <paramref name="draft"/>,
    /// and saves nothing. The draft must pass the same checks as a save
    /// (<see cref="ValidationFailedException"/> naming the fields otherwise): a preview of rules that could not be
    /// saved would show colours nobody can get.
    /// </summary>
    public static async Task<RuleSetPreviewResult> PreviewAsync(AppDbContext db, RuleSet draft, YearMonth month, string? listCode = null, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        var errors = await RuleSets.CheckAsync(db, draft with { Year = month.Year }, ct);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        var saved = await PortfolioEvaluator.EvaluateAsync(db, month, listCode, onlyProjectId: null, rules: null, ct);
        var trial = await PortfolioEvaluator.EvaluateAsync(db, month, listCode, onlyProjectId: null, draft with { Year = month.Year }, ct);

        var after = trial.Projects.ToDictionary(p => p.Id);
        var changed = saved.Projects
            .Where(p => after.TryGetValue(p.Id, out var a) && a.Colour != p.Colour)
            .Select(p => new ColourChange(p.Id, p.Code, p.Name, p.ResponsibleUnit, p.Colour, after[p.Id].Colour, p.Verdict.Reason, after[p.Id].Verdict.Reason))
            .ToList();

        var window = PageWindow.Of(page, pageSize, changed.Count, maxSize: 200);
        return new RuleSetPreviewResult(
            month,
            saved.ListName,
            saved.Projects.Count,
            ColourCounts.Of(saved.Projects.Select(p => p.Colour)),
            ColourCounts.Of(trial.Projects.Select(p => p.Colour)),
            changed.Count,
            changed.Skip(window.Skip).Take(window.Size).ToList(),
            window.Page,
            window.Size,
            window.PageCount);
    }
}

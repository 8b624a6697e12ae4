using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Periods;
using PlanPulse.Web;

namespace PlanPulse.Pages.Reports;

/// <summary>
/// The twelve months of a year, locked or open. The plan office locks a month when its figures are published;
/// reopening needs a reason, because it lets published figures change.
/// </summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class LocksModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    public const int ReasonMaxLength = 1000;

    /// <summary>One month: its lock record if it ever had one.</summary>
    public sealed record MonthRow(YearMonth Month, MonthLockDto? Lock)
    {
        public bool Locked => Lock?.Locked == true;

        public bool Reopened => Lock is { Locked: false };
    }

    public IReadOnlyList<MonthRow> Months { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The month a failed action was for, and the reason typed, shown again.</summary>
    public int? FailedMonth { get; private set; }

    public string? FailedReason { get; private set; }

    public string? Done { get; private set; }

    public int? DoneMonth { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year, int? month, string? done, int? m, CancellationToken ct)
    {
        if (!await LoadAsync(year, month, ct))
        {
            return Page();
        }

        if (done is "locked" or "reopened" && m is { } id && YearMonth.TryParse(id.ToString(System.Globalization.CultureInfo.InvariantCulture), out _))
        {
            Done = done;
            DoneMonth = id;
        }

        return Page();
    }

    public Task<IActionResult> OnPostLockAsync(int target, string? reason, int? year, int? month, CancellationToken ct) =>
        ChangeAsync(target, reason, year, month, reopen: false, ct);

    public Task<IActionResult> OnPostReopenAsync(int target, string? reason, int? year, int? month, CancellationToken ct) =>
        ChangeAsync(target, reason, year, month, reopen: true, ct);

    private async Task<IActionResult> ChangeAsync(int target, string? reason, int? year, int? month, bool reopen, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return Page();
        }

        if (!YearMonth.TryParse(target.ToString(System.Globalization.CultureInfo.InvariantCulture), out var ym))
        {
            Error = $"月份无效:{target}";
        }
        else if (reason is { Length: > ReasonMaxLength })
        {
            Error = $"原因最多{ReasonMaxLength}字,收到{reason.Length}字";
        }
        else
        {
            try
            {
                var user = User.Identity!.Name!;
                var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
                _ = reopen
                    ? await MonthLocks.ReopenAsync(db, ym, user, text, clock, ct)
                    : await MonthLocks.LockAsync(db, ym, user, text, clock, ct);
                return RedirectToPage(new { year = Period.Year, month = Period.Month, done = reopen ? "reopened" : "locked", m = ym.Id });
            }
            catch (ValidationFailedException ex)
            {
                Error = string.Join(";", ex.Errors.SelectMany(e => e.Value));
            }
            catch (DbUpdateException)
            {
                // Someone else locked or reopened the same month at the same moment (version or key clash).
                Error = $"{ym.ToChinese()}刚被他人修改,请查看最新状态后再操作";
            }
        }

        db.ChangeTracker.Clear();
        FailedMonth = target;
        FailedReason = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(Period.Year, Period.Month, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int? year, int? month, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, month, ct))
        {
            return false;
        }

        var locks = (await MonthLocks.ListAsync(db, Period.Year, ct)).ToDictionary(l => l.Month);
        Months = Enumerable.Range(1, 12).Select(m => new YearMonth(Period.Year, m))
            .Select(m => new MonthRow(m, locks.GetValueOrDefault(m.Id)))
            .ToList();
        return true;
    }
}

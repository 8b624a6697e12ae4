using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Reports;
using PlanPulse.Web;
using AccountFeature = PlanPulse.App.Features.Accounts.Accounts;

namespace PlanPulse.Pages.Admin.Accounts;

/// <summary>
/// One account for administrators: role and scope, disable or enable, reset the password (shown once), revoke tokens.
/// Every form carries the ConcurrencyStamp the page was drawn with; a change made meanwhile (here, on the CLI or by
/// the account signing in wrongly) is refused with 409 instead of overwritten. The work is in <see cref="AccountFeature"/>.
/// </summary>
[Authorize(Policy = Auth.AdminPolicy)]
public sealed class EditModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    public override bool ShowPeriodPicker => false;

    public AccountDetail Account { get; private set; } = null!;

    public IReadOnlyList<ScopeOption> Units { get; private set; } = [];

    public IReadOnlyList<ScopeOption> People { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>Field → Chinese messages of a failed change.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Values of a failed update, shown again as typed.</summary>
    public (string? DisplayName, string? Role, string? UnitCode, string? PersonId)? Typed { get; private set; }

    public string? Done { get; private set; }

    /// <summary>A generated password, shown on this one answer only.</summary>
    public string? NewPassword { get; private set; }

    public bool IsLockedOut => Account.User.LockoutEnd is { } end && end > Now;

    public async Task<IActionResult> OnGetAsync(int id, string? done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Done = done is "updated" or "disabled" or "enabled" or "revoked" or "password" ? done : null;
        return Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(int id, string? stamp, string? displayName, string? role, string? unitCode, string? personId, CancellationToken ct) =>
        RunAsync(id, stamp, "updated", async name =>
        {
            Typed = (displayName, role, unitCode, personId);
            await AccountFeature.UpdateAsync(db, name, displayName, role ?? "", unitCode, ParsePerson(personId), stamp, ct);
        }, ct);

    public Task<IActionResult> OnPostDisableAsync(int id, string? stamp, CancellationToken ct) =>
        RunAsync(id, stamp, "disabled", name => AccountFeature.SetDisabledAsync(db, name, true, stamp, ct), ct);

    public Task<IActionResult> OnPostEnableAsync(int id, string? stamp, CancellationToken ct) =>
        RunAsync(id, stamp, "enabled", name => AccountFeature.SetDisabledAsync(db, name, false, stamp, ct), ct);

    public Task<IActionResult> OnPostResetPasswordAsync(int id, string? stamp, string? password, CancellationToken ct)
    {
        var typed = !string.IsNullOrEmpty(password);
        var newPassword = typed ? password! : AccountFeature.NewPassword();
        return RunAsync(id, stamp, typed ? "password" : null, async name =>
        {
            await AccountFeature.ResetPasswordAsync(db, name, newPassword, stamp, ct);
            NewPassword = typed ? null : newPassword;
        }, ct);
    }

    public Task<IActionResult> OnPostRevokeTokenAsync(int id, int? tokenId, CancellationToken ct) =>
        RunAsync(id, stamp: null, "revoked", name => tokenId is { } t
            ? AccountFeature.RevokeTokensAsync(db, name, t, ct)
            : throw new ValidationFailedException(new Dictionary<string, string[]> { ["token"] = ["请选择要吊销的令牌"] }), ct, needsStamp: false);

    public Task<IActionResult> OnPostRevokeAllAsync(int id, CancellationToken ct) =>
        RunAsync(id, stamp: null, "revoked", name => AccountFeature.RevokeTokensAsync(db, name, null, ct), ct, needsStamp: false);

    public string? Error(string field) => Errors.TryGetValue(field, out var m) ? string.Join(";", m) : null;

    /// <summary>
    /// Runs one change of the account <paramref name="id"/> (404 when there is none). Success redirects to the page
    /// (<paramref name="done"/> says what was done), or, when <paramref name="done"/> is null, shows the page once with
    /// the new password; failure shows the page with the message: 400, or 409 for a stale stamp.
    /// </summary>
    private async Task<IActionResult> RunAsync(int id, string? stamp, string? done, Func<string, Task> change, CancellationToken ct, bool needsStamp = true)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            if (needsStamp && string.IsNullOrEmpty(stamp))
            {
                // A form without the stamp cannot tell whether it is stale: refused, not treated as "no check".
                throw new ValidationFailedException(new Dictionary<string, string[]> { ["stamp"] = ["缺少账号版本,请刷新页面后再操作"] });
            }

            await change(Account.User.UserName);
        }
        catch (ValidationFailedException ex)
        {
            return await FailAsync(id, ex.Errors, StatusCodes.Status400BadRequest, ct);
        }
        catch (ConcurrencyConflictException ex)
        {
            Typed = null;
            return await FailAsync(id, new Dictionary<string, string[]> { ["stamp"] = [ex.Message] }, StatusCodes.Status409Conflict, ct);
        }

        if (done is not null)
        {
            return RedirectToPage(new { id, done });
        }

        Done = "password";
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<IActionResult> FailAsync(int id, IReadOnlyDictionary<string, string[]> errors, int status, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Errors = errors;
        await LoadAsync(id, ct);
        Response.StatusCode = status;
        return Page();
    }

    private static int? ParsePerson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ValidationFailedException(new Dictionary<string, string[]> { ["person"] = [$"人员编号应为整数,收到“{text}”"] });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        if (await AccountFeature.GetAsync(db, id, clock, ct) is not { } account)
        {
            return false;
        }

        Account = account;
        (Units, People) = await AccountFeature.ScopeOptionsAsync(db, ct);
        return true;
    }
}

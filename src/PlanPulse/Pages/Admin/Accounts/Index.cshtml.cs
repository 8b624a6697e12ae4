using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Reports;
using PlanPulse.Web;

namespace PlanPulse.Pages.Admin.Accounts;

/// <summary>
/// Accounts for administrators: every account with its role, scope and state, and a form to add one. The initial
/// password is shown once on the answer to the form and stored only as a hash, like the CLI's <c>users add</c>.
/// </summary>
[Authorize(Policy = Auth.AdminPolicy)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    public override bool ShowPeriodPicker => false;

    public IReadOnlyList<UserDto> Accounts { get; private set; } = [];

    public IReadOnlyList<ScopeOption> Units { get; private set; } = [];

    public IReadOnlyList<ScopeOption> People { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The add-account form, kept as typed when it fails (the password never is).</summary>
    [BindProperty]
    public NewAccountForm Form { get; set; } = new();

    /// <summary>Field → Chinese messages of a failed add.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Created { get; private set; }

    /// <summary>The generated initial password, shown on this one answer only.</summary>
    public string? CreatedPassword { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var typed = !string.IsNullOrEmpty(Form.Password);
        var password = typed ? Form.Password! : App.Features.Accounts.Accounts.NewPassword();
        int? personId = null;
        if (!string.IsNullOrWhiteSpace(Form.PersonId))
        {
            if (int.TryParse(Form.PersonId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                personId = pid;
            }
            else
            {
                return await FailAsync(new Dictionary<string, string[]> { ["person"] = [$"人员编号应为整数,收到“{Form.PersonId}”"] }, ct);
            }
        }

        try
        {
            var user = await App.Features.Accounts.Accounts.CreateAsync(db, Form.UserName ?? "", Form.Role ?? "", password, Form.DisplayName, Form.UnitCode, personId, ct: ct);
            Created = user.UserName;
            CreatedPassword = typed ? null : password;
            Form = new NewAccountForm();
            ModelState.Clear();
            await LoadAsync(ct);
            return Page();
        }
        catch (ValidationFailedException ex)
        {
            return await FailAsync(ex.Errors, ct);
        }
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var m) ? string.Join(";", m) : null;

    public bool IsLockedOut(UserDto u) => u.LockoutEnd is { } end && end > Now;

    private async Task<IActionResult> FailAsync(IReadOnlyDictionary<string, string[]> errors, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Errors = errors;
        Form.Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Accounts = await App.Features.Accounts.Accounts.ListAsync(db, clock, ct);
        (Units, People) = await App.Features.Accounts.Accounts.ScopeOptionsAsync(db, ct);
    }

    public sealed class NewAccountForm
    {
        public string? UserName { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; }

        public string? UnitCode { get; set; }

        public string? PersonId { get; set; }

        /// <summary>Empty: a password is generated and shown once.</summary>
        public string? Password { get; set; }
    }
}

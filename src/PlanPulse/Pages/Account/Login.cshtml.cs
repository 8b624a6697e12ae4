using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.App.Features.Site;
using PlanPulse.Web;

namespace PlanPulse.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn, AppDbContext db, SignInLimits limits, TimeProvider clock) : UiPageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请输入用户名")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "请输入密码")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>The office running this PlanPulse, under the product name (configuration or the demo's setting).</summary>
    public string? Organisation { get; private set; }

    public override bool ShowPeriodPicker => false;

    public async Task OnGetAsync(CancellationToken ct) => Organisation = await SiteName.OrganisationAsync(db, HttpContext.RequestServices.GetRequiredService<IConfiguration>(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organisation = await SiteName.OrganisationAsync(db, HttpContext.RequestServices.GetRequiredService<IConfiguration>(), ct);
        if (!ModelState.IsValid)
        {
            Error = UiText.T("请输入用户名和密码");
            return Page();
        }

        var name = UserName.Trim();
        var client = HttpContext.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        var gate = await SignInThrottle.CheckAsync(db, name, client, limits, now, ct);
        if (!gate.Allowed)
        {
            return TooMany(gate.RetryAfter);
        }

        // Nothing about the account is said before its password is right, and an unknown name costs one password
        // hash like a known one: neither the message nor the time tells a guesser which names exist or are disabled.
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == Accounts.Normalize(name), ct);
        if (user is null || user.Disabled)
        {
            var right = user is null ? Accounts.VerifyDummyPassword(Password) : Accounts.VerifyPassword(user, Password);
            await SignInThrottle.RecordFailureAsync(db, name, client, limits, now, ct);
            Error = right && user is not null ? UiText.T("账号已停用,请联系管理员") : UiText.T("用户名或密码错误");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(name, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await SignInThrottle.ClearAsync(db, name, client, ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        await SignInThrottle.RecordFailureAsync(db, name, client, limits, now, ct);
        Error = result.IsLockedOut ? UiText.T("登录失败次数过多,账号已锁定15分钟") : UiText.T("用户名或密码错误");
        return Page();
    }

    /// <summary>429 as a page in Chinese (not the framework's English JSON), with Retry-After for clients that read it.</summary>
    private PageResult TooMany(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        Error = UiText.IsEnglish
            ? $"Too many failed sign-ins. Try again in {minutes} minute(s)."
            : $"登录失败次数过多,请{minutes}分钟后再试。";
        var page = Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }
}

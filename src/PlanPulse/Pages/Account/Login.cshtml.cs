using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Web;

namespace PlanPulse.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(Auth.LoginRateLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, AppDbContext db) : PageModel
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

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "请输入用户名和密码";
            return Page();
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == UserName.Trim().ToUpperInvariant());
        if (user is { Disabled: true })
        {
            Error = "账号已停用,请联系管理员";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Error = result.IsLockedOut ? "登录失败次数过多,账号已锁定15分钟" : "用户名或密码错误";
        return Page();
    }
}

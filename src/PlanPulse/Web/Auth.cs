using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;

namespace PlanPulse.Web;

/// <summary>
/// Sign-in and authorisation. Browsers use Identity's cookie; scripts use a bearer token issued by
/// <c>planpulse users token NAME</c>. Both produce the same principal (role + data scope), and every endpoint
/// requires an authenticated user unless it says otherwise. Keys and tokens live in the database, so several
/// app instances behind one PostgreSQL accept each other's cookies and tokens.
/// </summary>
public static class Auth
{
    public const string SmartScheme = "planpulse";
    public const string TokenScheme = "token";
    public const string OfficePolicy = "office";
    public const string WriterPolicy = "writer";
    public const string AdminPolicy = "admin";

    public const string ScopeAllClaim = "pp:scope_all";
    public const string ScopeUnitClaim = "pp:scope_unit";
    public const string ScopePersonClaim = "pp:scope_person";

    public static IServiceCollection AddPlanPulseAuth(this IServiceCollection services, IConfiguration config)
    {
        services.AddDataProtection().SetApplicationName("PlanPulse").PersistKeysToDbContext<AppDbContext>();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScopedClaimsFactory>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "cookie or bearer token", o =>
            {
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? TokenScheme
                        : IdentityConstants.ApplicationScheme;
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Denied";
                o.Cookie.Name = "planpulse.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;

                // Secure whenever the request is HTTPS; intranets without TLS still work (documented in the README).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = ctx => ApiStatus(ctx, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = ctx => ApiStatus(ctx, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ValidateAsync,
                };
            })
            .AddScheme<AuthenticationSchemeOptions, TokenHandler>(TokenScheme, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(OfficePolicy, p => p.RequireRole(Roles.Admin, Roles.PlanOffice))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(WriterPolicy, p => p.RequireRole(Roles.Admin, Roles.PlanOffice, Roles.Command, Roles.Reporter, Roles.Commissioner));

        // Failed sign-ins per account name and per client, counted in the database (SignInThrottle).
        var defaults = SignInLimits.Default;
        services.AddSingleton(new SignInLimits(
            config.GetValue("Auth:SignIn:FailuresPerAccount", defaults.FailuresPerAccount),
            config.GetValue("Auth:SignIn:FailuresPerClient", defaults.FailuresPerClient),
            TimeSpan.FromMinutes(config.GetValue("Auth:SignIn:WindowMinutes", defaults.Window.TotalMinutes))));

        return services;
    }

    /// <summary>The request's data scope, read from the principal's claims; no claims means no rows.</summary>
    public static DataScope ScopeOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return DataScope.Nothing;
        }

        if (user.HasClaim(ScopeAllClaim, "true"))
        {
            return DataScope.Everything;
        }

        if (user.FindFirst(ScopeUnitClaim)?.Value is { Length: > 0 } path)
        {
            return DataScope.ForUnit(path);
        }

        if (int.TryParse(user.FindFirst(ScopePersonClaim)?.Value, out var person))
        {
            return DataScope.ForPerson(person);
        }

        return DataScope.Nothing;
    }

    public static async Task<ClaimsIdentity> IdentityForAsync(AppDbContext db, AppUser user, string authenticationType, CancellationToken ct = default)
    {
        var role = await Accounts.RoleOfAsync(db, user.Id, ct);
        var scope = await Accounts.ScopeOfAsync(db, user.Id, role, ct);
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName!));
        identity.AddClaim(new Claim("pp:display", user.DisplayName));
        if (role is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        AddScopeClaims(identity, scope);
        return identity;
    }

    public static void AddScopeClaims(ClaimsIdentity identity, DataScope scope)
    {
        if (scope.All)
        {
            identity.AddClaim(new Claim(ScopeAllClaim, "true"));
        }

        if (scope.UnitPath is { } p)
        {
            identity.AddClaim(new Claim(ScopeUnitClaim, p));
        }

        if (scope.PersonId is { } id)
        {
            identity.AddClaim(new Claim(ScopePersonClaim, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static Task ApiStatus<T>(RedirectContext<T> ctx, int status)
        where T : AuthenticationSchemeOptions
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>A disabled account or a changed security stamp ends the cookie session at its next request.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext ctx)
    {
        var id = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = ctx.Principal?.FindFirstValue("AspNet.Identity.SecurityStamp");
        if (!int.TryParse(id, out var userId))
        {
            ctx.RejectPrincipal();
            return;
        }

        var db = ctx.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Disabled, u.SecurityStamp }).FirstOrDefaultAsync();
        if (user is null || user.Disabled || (stamp is not null && stamp != user.SecurityStamp))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

/// <summary>Adds role and data-scope claims to the cookie principal at sign-in.</summary>
public sealed class ScopedClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("pp:display", user.DisplayName));
        var role = await Accounts.RoleOfAsync(db, user.Id);
        Auth.AddScopeClaims(identity, await Accounts.ScopeOfAsync(db, user.Id, role));
        return identity;
    }
}

/// <summary>Bearer tokens for scripts: looked up by hash in the database on every request.</summary>
public sealed class TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await Accounts.FindByTokenAsync(db, header["Bearer ".Length..].Trim(), clock, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("无效或已过期的令牌");
        }

        var identity = await Auth.IdentityForAsync(db, user, Scheme.Name, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}

/// <summary>The signed-in user of the current request, as the database context sees it.</summary>
public sealed class HttpRequestActor(IHttpContextAccessor http) : IRequestActor
{
    public DataScope Scope => Auth.ScopeOf(http.HttpContext?.User);

    public string UserName => http.HttpContext?.User.Identity?.Name ?? "anonymous";

    public string? Client => http.HttpContext is { } c ? $"{c.Connection.RemoteIpAddress} {c.Request.Headers.UserAgent}" : null;
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;

namespace PlanPulse.App.Features.Accounts;

public sealed record UserDto(int Id, string UserName, string DisplayName, string Role, string RoleName, string? Unit, string? Person, bool Disabled, bool IsDemo, DateTimeOffset? LockoutEnd);

/// <summary>
/// Account administration shared by the CLI and the web: create, list, disable, reset passwords, issue tokens.
/// Passwords are hashed with Identity's PasswordHasher (PBKDF2); tokens are random and stored only as hashes.
/// </summary>
public static class Accounts
{
    public const string TokenPrefix = "pp_";

    private static readonly PasswordHasher<AppUser> Hasher = new();

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    // A hash of a random password, made once: checking a password against it costs what checking a real one costs.
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(new AppUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    /// <summary>Whether <paramref name="password"/> is the user's (one PBKDF2 check), without signing in.</summary>
    public static bool VerifyPassword(AppUser user, string password) =>
        user.PasswordHash is { } hash && Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>The same work as <see cref="VerifyPassword"/> for a name that has no account; always false.</summary>
    public static bool VerifyDummyPassword(string password)
    {
        _ = Hasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
        return false;
    }

    public static async Task<AppUser> CreateAsync(AppDbContext db, string userName, string role, string password, string? displayName = null, string? unitCode = null, int? personId = null, bool isDemo = false, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        userName = userName.Trim();
        if (userName.Length is < 2 or > 64 || userName.Any(char.IsWhiteSpace))
        {
            errors["userName"] = ["用户名应为2–64个字符,不含空格"];
        }
        else if (await db.Users.AnyAsync(u => u.NormalizedUserName == Normalize(userName), ct))
        {
            errors["userName"] = [$"用户名已存在:{userName}"];
        }

        if (!Roles.All.Contains(role))
        {
            errors["role"] = [$"未知角色:{role}({string.Join("/", Roles.All)})"];
        }

        var passwordError = CheckPassword(password);
        if (passwordError is not null)
        {
            errors["password"] = [passwordError];
        }

        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
            if (unitId is null)
            {
                errors["unit"] = [$"单位不存在:{unitCode}"];
            }
        }

        if (role is Roles.Reporter or Roles.Command && unitId is null && !errors.ContainsKey("unit"))
        {
            errors["unit"] = ["填报员和指挥部账号须指定单位(--unit 单位代码)"];
        }

        if (role == Roles.Commissioner && personId is null)
        {
            errors["person"] = ["服务专员账号须指定人员"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var user = new AppUser
        {
            UserName = userName,
            NormalizedUserName = Normalize(userName),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            UnitId = unitId,
            PersonId = personId,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            IsDemo = isDemo,
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        var roleRow = await EnsureRoleAsync(db, role, ct);
        await db.SaveChangesAsync(ct);
        db.UserRoles.Add(new IdentityUserRole<int> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>At least 10 characters with letters and digits: Identity's defaults, stated in Chinese.</summary>
    public static string? CheckPassword(string? password) =>
        password is null || password.Length < 10 || !password.Any(char.IsLetter) || !password.Any(char.IsDigit)
            ? "密码至少10位,且须同时包含字母和数字"
            : null;

    public static async Task<AppRole> EnsureRoleAsync(AppDbContext db, string role, CancellationToken ct)
    {
        var row = await db.Roles.FirstOrDefaultAsync(r => r.Name == role, ct);
        if (row is null)
        {
            row = new AppRole { Name = role, NormalizedName = Normalize(role), ConcurrencyStamp = Guid.NewGuid().ToString("N") };
            db.Roles.Add(row);
            await db.SaveChangesAsync(ct);
        }

        return row;
    }

    public static async Task<string?> RoleOfAsync(AppDbContext db, int userId, CancellationToken ct = default) =>
        await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).FirstOrDefaultAsync(ct);

    public static async Task<IReadOnlyList<UserDto>> ListAsync(AppDbContext db, CancellationToken ct = default)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId into urs
                          from ur in urs.DefaultIfEmpty()
                          join r in db.Roles on ur.RoleId equals r.Id into rs
                          from r in rs.DefaultIfEmpty()
                          orderby u.UserName
                          select new { u.Id, u.UserName, u.DisplayName, Role = r == null ? "" : r.Name, Unit = u.Unit == null ? null : u.Unit!.Name, u.PersonId, u.Disabled, u.IsDemo, u.LockoutEnd })
                          .ToListAsync(ct);
        var people = await db.People.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return rows.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.Role ?? "", Roles.Name(u.Role ?? ""), u.Unit, u.PersonId is { } pid && people.TryGetValue(pid, out var n) ? n : null, u.Disabled, u.IsDemo, u.LockoutEnd)).ToList();
    }

    public static async Task<AppUser> FindAsync(AppDbContext db, string userName, CancellationToken ct = default) =>
        await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == Normalize(userName), ct)
        ?? throw new ValidationFailedException(new Dictionary<string, string[]> { ["userName"] = [$"用户不存在:{userName}"] });

    public static async Task SetDisabledAsync(AppDbContext db, string userName, bool disabled, CancellationToken ct = default)
    {
        var user = await FindAsync(db, userName, ct);
        user.Disabled = disabled;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        if (disabled)
        {
            await db.ApiTokens.Where(t => t.UserId == user.Id && !t.Revoked).ForEachAsync(t => t.Revoked = true, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    public static async Task ResetPasswordAsync(AppDbContext db, string userName, string password, CancellationToken ct = default)
    {
        var error = CheckPassword(password);
        if (error is not null)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["password"] = [error] });
        }

        var user = await FindAsync(db, userName, ct);
        user.PasswordHash = Hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Issues a bearer token for scripts; the plain token is returned once and never stored.</summary>
    public static async Task<string> IssueTokenAsync(AppDbContext db, string userName, TimeProvider clock, TimeSpan? lifetime = null, CancellationToken ct = default)
    {
        var user = await FindAsync(db, userName, ct);
        if (user.Disabled)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["userName"] = [$"用户已停用:{userName}"] });
        }

        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Hash = HashToken(token), Name = "cli", CreatedAt = now, ExpiresAt = now + (lifetime ?? TimeSpan.FromDays(90)) });
        await db.SaveChangesAsync(ct);
        return token;
    }

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The user a token belongs to, when the token is known, unrevoked, unexpired and the user active.</summary>
    public static async Task<AppUser?> FindByTokenAsync(AppDbContext db, string token, TimeProvider clock, CancellationToken ct = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = HashToken(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.ApiTokens.Where(t => t.Hash == hash && !t.Revoked && (t.ExpiresAt == null || t.ExpiresAt > now) && !t.User!.Disabled)
            .Select(t => t.User).FirstOrDefaultAsync(ct);

        // A locked-out account's scripts stop too: a token must not outlive the lock its password earned.
        // (Compared here, not in SQL: SQLite cannot compare DateTimeOffset columns.)
        return user?.LockoutEnd is { } end && end > clock.GetUtcNow() ? null : user;
    }

    /// <summary>The data scope of a user: office roles and leaders see all; others their unit or their projects; else nothing.</summary>
    public static async Task<DataScope> ScopeOfAsync(AppDbContext db, int userId, string? role, CancellationToken ct = default)
    {
        switch (role)
        {
            case Roles.Admin or Roles.PlanOffice or Roles.Leader:
                return DataScope.Everything;
            case Roles.Commissioner:
                var person = await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
                return person is { } p ? DataScope.ForPerson(p) : DataScope.Nothing;
            case Roles.Command or Roles.Reporter:
                var path = await db.Users.Where(u => u.Id == userId).Select(u => u.Unit == null ? null : u.Unit.Path).FirstOrDefaultAsync(ct);
                return path is null ? DataScope.Nothing : DataScope.ForUnit(path);
            default:
                return DataScope.Nothing;
        }
    }
}

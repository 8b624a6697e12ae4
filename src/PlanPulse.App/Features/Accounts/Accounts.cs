using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;

namespace PlanPulse.App.Features.Accounts;

public sealed record UserDto(int Id, string UserName, string DisplayName, string Role, string RoleName, string? Unit, string? Person, bool Disabled, bool IsDemo, DateTimeOffset? LockoutEnd, int ActiveTokens = 0);

/// <summary>One API token of an account, as an administrator sees it (never the token itself: only its hash is stored).</summary>
public sealed record TokenDto(int Id, string Name, DateTime CreatedAt, DateTime? ExpiresAt, bool Revoked, bool Active);

/// <summary>
/// An account for editing: what the list shows, the codes its forms bind to, its tokens, and the ConcurrencyStamp the
/// forms send back so a change made by someone else in between is refused instead of overwritten.
/// </summary>
/// <summary>A choice of unit scope or commissioner person in the account forms.</summary>
public sealed record ScopeOption(string Value, string Name, string Group);

public sealed record AccountDetail(UserDto User, string? UnitCode, int? PersonId, string ConcurrencyStamp, IReadOnlyList<TokenDto> Tokens);

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
            errors["unit"] = ["填报员和指挥部账号须指定单位"];
        }

        if (personId is { } pid && !await db.People.AnyAsync(p => p.Id == pid, ct))
        {
            errors["person"] = [$"人员不存在:{pid}"];
        }
        else if (role == Roles.Commissioner && personId is null)
        {
            errors["person"] = ["服务专员账号须指定人员"];
        }

        if (displayName is { Length: > 100 })
        {
            errors["displayName"] = [$"显示名最多100个字符,收到{displayName.Length}个"];
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

    public static Task<IReadOnlyList<UserDto>> ListAsync(AppDbContext db, CancellationToken ct = default) =>
        ListAsync(db, TimeProvider.System, ct);

    /// <summary>Every account with its role, unit or person, flags and the number of tokens that still work.</summary>
    public static async Task<IReadOnlyList<UserDto>> ListAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => !t.Revoked && (t.ExpiresAt == null || t.ExpiresAt > now))
            .GroupBy(t => t.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, ct);
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId into urs
                          from ur in urs.DefaultIfEmpty()
                          join r in db.Roles on ur.RoleId equals r.Id into rs
                          from r in rs.DefaultIfEmpty()
                          orderby u.UserName
                          select new { u.Id, u.UserName, u.DisplayName, Role = r == null ? "" : r.Name, Unit = u.Unit == null ? null : u.Unit!.Name, u.PersonId, u.Disabled, u.IsDemo, u.LockoutEnd })
                          .ToListAsync(ct);
        var people = await db.People.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return rows.Select(u => new UserDto(u.Id, u.UserName!, u.DisplayName, u.Role ?? "", Roles.Name(u.Role ?? ""), u.Unit, u.PersonId is { } pid && people.TryGetValue(pid, out var n) ? n : null, u.Disabled, u.IsDemo, u.LockoutEnd, tokens.GetValueOrDefault(u.Id))).ToList();
    }

    public static async Task<AppUser> FindAsync(AppDbContext db, string userName, CancellationToken ct = default) =>
        await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == Normalize(userName), ct)
        ?? throw new ValidationFailedException(new Dictionary<string, string[]> { ["userName"] = [$"用户不存在:{userName}"] });

    public static Task SetDisabledAsync(AppDbContext db, string userName, bool disabled, CancellationToken ct = default) =>
        SetDisabledAsync(db, userName, disabled, concurrencyStamp: null, ct);

    /// <summary>
    /// Disables or enables an account. Disabling revokes its tokens and changes its security stamp, so its cookie
    /// sessions end at their next request (<c>Auth.ValidateAsync</c>); the last enabled administrator cannot be disabled,
    /// or nobody could manage accounts any more. With <paramref name="concurrencyStamp"/> (the one the editor read) a
    /// change made by someone else in between is refused (<see cref="ConcurrencyConflictException"/>).
    /// </summary>
    public static async Task SetDisabledAsync(AppDbContext db, string userName, bool disabled, string? concurrencyStamp, CancellationToken ct = default)
    {
        var user = await FindAsync(db, userName, ct);
        CheckStamp(db, user, concurrencyStamp);
        if (user.Disabled == disabled)
        {
            return;
        }

        if (disabled && await IsLastEnabledAdminAsync(db, user, ct))
        {
            throw Invalid("disabled", "不能停用最后一个启用的系统管理员账号:请先启用或新建另一个系统管理员账号");
        }

        user.Disabled = disabled;
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = NewStamp();
        if (disabled)
        {
            await db.ApiTokens.Where(t => t.UserId == user.Id && !t.Revoked).ForEachAsync(t => t.Revoked = true, ct);
        }

        await SaveAsync(db, user, ct);
    }

    public static Task ResetPasswordAsync(AppDbContext db, string userName, string password, CancellationToken ct = default) =>
        ResetPasswordAsync(db, userName, password, concurrencyStamp: null, ct);

    /// <summary>Sets a new password and ends the lock-out and every cookie session of the account.</summary>
    public static async Task ResetPasswordAsync(AppDbContext db, string userName, string password, string? concurrencyStamp, CancellationToken ct = default)
    {
        var error = CheckPassword(password);
        if (error is not null)
        {
            throw Invalid("password", error);
        }

        var user = await FindAsync(db, userName, ct);
        CheckStamp(db, user, concurrencyStamp);
        user.PasswordHash = Hasher.HashPassword(user, password);
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = NewStamp();
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await SaveAsync(db, user, ct);
    }

    /// <summary>
    /// Changes an account's display name, role and scope (unit, or person for a service commissioner) under the rules of
    /// <see cref="CreateAsync"/>. The security stamp changes, so the account's cookie sessions end and the next sign-in
    /// carries the new role and scope (tokens read both from the database on every request). The last enabled
    /// administrator keeps the administrator role.
    /// </summary>
    public static async Task UpdateAsync(AppDbContext db, string userName, string? displayName, string role, string? unitCode, int? personId, string? concurrencyStamp, CancellationToken ct = default)
    {
        var user = await FindAsync(db, userName, ct);
        CheckStamp(db, user, concurrencyStamp);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int? unitId = null;
        string? personError = null;
        if (!Roles.All.Contains(role))
        {
            errors["role"] = [$"未知角色:{role}({string.Join("/", Roles.All)})"];
        }

        if (displayName is { Length: > 100 })
        {
            errors["displayName"] = [$"显示名最多100个字符,收到{displayName.Length}个"];
        }

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
            errors["unit"] = ["填报员和指挥部账号须指定单位"];
        }

        if (personId is { } pid && !await db.People.AnyAsync(p => p.Id == pid, ct))
        {
            personError = $"人员不存在:{pid}";
        }
        else if (role == Roles.Commissioner && personId is null)
        {
            personError = "服务专员账号须指定人员";
        }

        if (personError is not null)
        {
            errors["person"] = [personError];
        }

        var currentRole = await RoleOfAsync(db, user.Id, ct);
        if (currentRole == Roles.Admin && role != Roles.Admin && errors.Count == 0 && await IsLastEnabledAdminAsync(db, user, ct))
        {
            errors["role"] = ["不能更改最后一个启用的系统管理员的角色:请先启用或新建另一个系统管理员账号"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var newDisplay = string.IsNullOrWhiteSpace(displayName) ? user.DisplayName : displayName.Trim();
        var newPerson = role == Roles.Commissioner ? personId : null;
        var scopeChanged = currentRole != role || user.UnitId != unitId || user.PersonId != newPerson;
        if (!scopeChanged && newDisplay == user.DisplayName)
        {
            return;
        }

        user.DisplayName = newDisplay;
        user.UnitId = unitId;
        user.PersonId = newPerson;
        user.ConcurrencyStamp = NewStamp();
        if (scopeChanged)
        {
            user.SecurityStamp = NewStamp();
        }

        if (currentRole != role)
        {
            var roleRow = await EnsureRoleAsync(db, role, ct);
            db.UserRoles.RemoveRange(await db.UserRoles.Where(ur => ur.UserId == user.Id).ToListAsync(ct));
            db.UserRoles.Add(new IdentityUserRole<int> { UserId = user.Id, RoleId = roleRow.Id });
        }

        await SaveAsync(db, user, ct);
    }

    /// <summary>An account for the editor, with every token it was issued (newest first).</summary>
    public static async Task<AccountDetail?> GetAsync(AppDbContext db, int id, TimeProvider clock, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.UserName, u.ConcurrencyStamp, UnitCode = u.Unit == null ? null : u.Unit.Code, u.PersonId })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var dto = (await ListAsync(db, clock, ct)).Single(u => u.Id == id);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.Revoked, !t.Revoked && (t.ExpiresAt == null || t.ExpiresAt > now)))
            .ToListAsync(ct);
        return new AccountDetail(dto, user.UnitCode, user.PersonId, user.ConcurrencyStamp ?? "", tokens);
    }

    /// <summary>
    /// Revokes one token of the account (<paramref name="tokenId"/>) or all its unrevoked ones (null); returns how many were
    /// revoked. A token of another account is refused: the form names the account, so the two must agree.
    /// </summary>
    public static async Task<int> RevokeTokensAsync(AppDbContext db, string userName, int? tokenId, CancellationToken ct = default)
    {
        var user = await FindAsync(db, userName, ct);
        var tokens = await db.ApiTokens.Where(t => t.UserId == user.Id && !t.Revoked && (tokenId == null || t.Id == tokenId)).ToListAsync(ct);
        if (tokenId is { } id && tokens.Count == 0 && !await db.ApiTokens.AnyAsync(t => t.Id == id && t.UserId == user.Id, ct))
        {
            throw Invalid("token", $"该账号没有编号为 {id} 的令牌");
        }

        foreach (var t in tokens)
        {
            t.Revoked = true;
        }

        await db.SaveChangesAsync(ct);
        return tokens.Count;
    }

    /// <summary>
    /// The units an account may be scoped to (every unit, grouped by type, in their own order) and the service
    /// commissioners a commissioner account may stand for.
    /// </summary>
    public static async Task<(IReadOnlyList<ScopeOption> Units, IReadOnlyList<ScopeOption> People)> ScopeOptionsAsync(AppDbContext db, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new { u.Code, u.Name, u.Type }).ToListAsync(ct);
        var people = await db.People.AsNoTracking().Where(p => p.Role == PersonRole.ServiceCommissioner).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.Title }).ToListAsync(ct);
        return (
            units.Select(u => new ScopeOption(u.Code, u.Name, u.Type.ToString())).ToList(),
            people.Select(p => new ScopeOption(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Title is { Length: > 0 } t ? $"{p.Name}({t})" : p.Name, nameof(PersonRole.ServiceCommissioner))).ToList());
    }

    /// <summary>16 characters from an alphabet without look-alikes, always with letters and digits.</summary>
    public static string NewPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            var alphabet = i % 4 == 3 ? digits : letters;
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>
    /// Refuses a change based on an old read of the account. The stamp read is also made the UPDATE's condition
    /// (Identity maps ConcurrencyStamp as a concurrency token), so a change racing in after this check still fails.
    /// </summary>
    private static void CheckStamp(AppDbContext db, AppUser user, string? concurrencyStamp)
    {
        if (concurrencyStamp is null)
        {
            return;
        }

        if (!string.Equals(concurrencyStamp, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            throw Stale(user);
        }

        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = concurrencyStamp;
    }

    private static ConcurrencyConflictException Stale(AppUser user) =>
        new($"账号 {user.UserName} 已被他人修改,请刷新后再操作", 0);

    private static async Task SaveAsync(AppDbContext db, AppUser user, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw Stale(user);
        }
    }

    /// <summary>Whether <paramref name="user"/> is an enabled administrator and no other enabled one exists.</summary>
    private static async Task<bool> IsLastEnabledAdminAsync(AppDbContext db, AppUser user, CancellationToken ct)
    {
        if (user.Disabled || await RoleOfAsync(db, user.Id, ct) != Roles.Admin)
        {
            return false;
        }

        var others = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where r.Name == Roles.Admin && !u.Disabled && u.Id != user.Id
                            select u.Id).AnyAsync(ct);
        return !others;
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

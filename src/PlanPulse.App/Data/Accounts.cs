using Microsoft.AspNetCore.Identity;

namespace PlanPulse.App.Data;

/// <summary>A local account. Its data scope comes from its role and its unit or person.</summary>
public sealed class AppUser : IdentityUser<int>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The unit a reporter or command staff member works for; their scope is this unit's subtree.</summary>
    public int? UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>The person record of a service commissioner; their scope is the projects they serve.</summary>
    public int? PersonId { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Demo accounts are marked so nobody mistakes them for real ones.</summary>
    public bool IsDemo { get; set; }
}

public sealed class AppRole : IdentityRole<int>
{
}

/// <summary>The roles, with their Chinese names. One role per account.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string PlanOffice = "planoffice";
    public const string Command = "command";
    public const string Reporter = "reporter";
    public const string Commissioner = "commissioner";
    public const string Leader = "leader";

    public static readonly string[] All = [Admin, PlanOffice, Command, Reporter, Commissioner, Leader];

    /// <summary>Roles that may change anything (rule sets, locks, approvals).</summary>
    public const string Office = Admin + "," + PlanOffice;

    /// <summary>Roles that may write monthly reports and problems (within their scope).</summary>
    public const string Writers = Admin + "," + PlanOffice + "," + Command + "," + Reporter + "," + Commissioner;

    public static string Name(string role) => role switch
    {
        Admin => "系统管理员",
        PlanOffice => "计划科(发改委)",
        Command => "指挥部",
        Reporter => "单位填报员",
        Commissioner => "服务专员",
        Leader => "领导(只读)",
        _ => role,
    };
}

/// <summary>
/// A bearer token for scripts: only its SHA-256 hash is stored, so a database dump reveals no usable token,
/// and any app instance can check it (no state in process memory).
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public AppUser? User { get; set; }

    public required string Hash { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public bool Revoked { get; set; }
}

/// <summary>
/// One change to one record: who, when, from which client, and old → new values as JSON.
/// Append-only: the context refuses to update or delete these rows.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string User { get; set; }

    public string? Client { get; set; }

    /// <summary>Created, Updated or Deleted.</summary>
    public required string Action { get; set; }

    public required string Entity { get; set; }

    public required string Key { get; set; }

    /// <summary>{"field": {"old": …, "new": …}}.</summary>
    public required string Changes { get; set; }
}

/// <summary>
/// Failed sign-ins counted per account name or per client within a window (see <c>SignInThrottle</c>). In the
/// database, not in one instance's memory: behind a load balancer every instance sees the same count. Working
/// state, not business data: not audited; a success deletes the row.
/// </summary>
public sealed class SignInFailure
{
    /// <summary><c>account:NAME</c> (normalised) or <c>client:ADDRESS</c>.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    /// <summary>UTC; the window runs from the first failure counted in it.</summary>
    public DateTime WindowStartedAt { get; set; }
}

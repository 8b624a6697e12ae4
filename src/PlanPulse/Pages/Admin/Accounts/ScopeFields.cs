using PlanPulse.App.Features.Accounts;

namespace PlanPulse.Pages.Admin.Accounts;

/// <summary>The role, unit and person inputs shared by the add and edit forms (<c>_ScopeFields.cshtml</c>).</summary>
public sealed record ScopeFields(
    string Prefix,
    string? Role,
    string? UnitCode,
    string? PersonId,
    IReadOnlyList<ScopeOption> Units,
    IReadOnlyList<ScopeOption> People,
    string? RoleError,
    string? UnitError,
    string? PersonError)
{
    /// <summary>The heading of a unit type's group in the unit list.</summary>
    public static string GroupName(string group) => group switch
    {
        "Department" => "部门",
        "Town" => "街镇",
        "Owner" => "业主单位",
        "Command" => "指挥部",
        _ => group,
    };
}

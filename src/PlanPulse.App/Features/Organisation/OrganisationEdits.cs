using PlanPulse.App.Data;

namespace PlanPulse.App.Features.Organisation;

/// <summary>Changes to organisation records that every path (workbook, form, API) makes the same way.</summary>
public static class OrganisationEdits
{
    /// <summary>
    /// Renames a unit and keeps the old name in <see cref="Unit.FormerNames"/>: a briefing from last year names the
    /// 区经信委 that is now the 区经济信息委, and a reader must be able to tell they are one unit.
    /// </summary>
    public static void Rename(Unit unit, string name)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (unit.Id == 0 || string.Equals(unit.Name, name, StringComparison.Ordinal))
        {
            unit.Name = name;
            return;
        }

        var former = (unit.FormerNames ?? "").Split('、', StringSplitOptions.RemoveEmptyEntries).ToList();
        former.Remove(name);
        if (!former.Contains(unit.Name))
        {
            former.Add(unit.Name);
        }

        unit.FormerNames = former.Count == 0 ? null : string.Join('、', former);
        unit.Name = name;
    }
}

using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Organisation;

/// <summary>A unit as the organisation check sees it: the database's row, overlaid by the workbook's or form's.</summary>
/// <param name="Row">Sheet row (0 when it comes from the database, not the upload).</param>
public sealed record UnitNode(int Row, string Code, string Name, UnitType Type, string? ParentCode, bool Deactivated);

/// <summary>A track of the year: which command dispatches it.</summary>
public sealed record TrackNode(int Row, string Code, string Name, string? CommandCode, bool Deactivated);

/// <summary>What is wrong with one unit or track, and which field to put the message on.</summary>
public sealed record OrganisationProblem(OrganisationKind Kind, int Row, string Code, OrganisationField Field, string Message);

public enum OrganisationKind
{
    Unit = 1,
    Track = 2,
}

public enum OrganisationField
{
    Code = 1,
    Parent = 2,
    Type = 3,
    Status = 4,
    Command = 5,
}

/// <summary>
/// The shape an organisation must have before it is saved, whoever changes it (workbook, form, API): codes unique,
/// parents known and not circular, a 专项指挥部 dispatching at least one track, a track dispatched by a command,
/// and nothing deactivated that open projects or active tracks still depend on. The general command is the command
/// with no command above it; every command below a command is a track command.
/// </summary>
public static class OrganisationRules
{
    /// <param name="openProjectUnits">Codes of units that are responsible unit, town, owner or command of an open project.</param>
    public static IReadOnlyList<OrganisationProblem> Check(
        IReadOnlyList<UnitNode> units,
        IReadOnlyList<TrackNode> tracks,
        IReadOnlySet<string> openProjectUnits)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(openProjectUnits);
        var problems = new List<OrganisationProblem>();
        var byCode = new Dictionary<string, UnitNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in units)
        {
            if (!byCode.TryAdd(u.Code, u))
            {
                problems.Add(new(OrganisationKind.Unit, u.Row, u.Code, OrganisationField.Code, $"单位代码“{u.Code}”重复"));
            }
        }

        foreach (var u in units)
        {
            if (u.ParentCode is null)
            {
                continue;
            }

            if (!byCode.TryGetValue(u.ParentCode, out var parent))
            {
                problems.Add(new(OrganisationKind.Unit, u.Row, u.Code, OrganisationField.Parent, $"上级单位“{u.ParentCode}”不存在"));
            }
            else if (InCycle(u, byCode))
            {
                problems.Add(new(OrganisationKind.Unit, u.Row, u.Code, OrganisationField.Parent, $"上级单位形成循环:{CycleText(u, byCode)}"));
            }
            else if (parent.Deactivated && !u.Deactivated)
            {
                problems.Add(new(OrganisationKind.Unit, u.Row, u.Code, OrganisationField.Parent, $"上级单位“{parent.Name}”已停用,在用单位不能挂在其下"));
            }
        }

        var trackCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var dispatching = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in tracks)
        {
            if (!trackCodes.Add(t.Code))
            {
                problems.Add(new(OrganisationKind.Track, t.Row, t.Code, OrganisationField.Code, $"专项代码“{t.Code}”重复"));
            }

            if (t.CommandCode is null)
            {
                continue;
            }

            if (!byCode.TryGetValue(t.CommandCode, out var command))
            {
                problems.Add(new(OrganisationKind.Track, t.Row, t.Code, OrganisationField.Command, $"指挥部“{t.CommandCode}”不存在"));
            }
            else if (command.Type != UnitType.Command)
            {
                problems.Add(new(OrganisationKind.Track, t.Row, t.Code, OrganisationField.Command, $"“{command.Name}”是{Names.Of(command.Type)},不是指挥部"));
            }
            else if (command.Deactivated && !t.Deactivated)
            {
                problems.Add(new(OrganisationKind.Track, t.Row, t.Code, OrganisationField.Command, $"指挥部“{command.Name}”已停用,在用专项不能由它调度"));
            }
            else if (!t.Deactivated)
            {
                dispatching.Add(command.Code);
            }
        }

        foreach (var u in units)
        {
            if (IsTrackCommand(u, byCode) && !u.Deactivated && !dispatching.Contains(u.Code))
            {
                problems.Add(new(OrganisationKind.Unit, u.Row, u.Code, OrganisationField.Type, $"专项指挥部“{u.Name}”没有调度任何专项:请在“专项”表中指定它调度的专项,或将其停用"));
            }

            if (u.Deactivated && openProjectUnits.Contains(u.Code))
            {
                problems.Add(new(OrganisationKind.Unit, u.Row, u.Code, OrganisationField.Status, $"“{u.Name}”仍有在建项目,不能停用:请先把这些项目移交其他单位"));
            }
        }

        return problems;
    }

    /// <summary>A command below another command (a 专项指挥部); the top command is the general command.</summary>
    public static bool IsTrackCommand(UnitNode unit, IReadOnlyDictionary<string, UnitNode> byCode)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(byCode);
        return unit.Type == UnitType.Command && unit.ParentCode is { } p && byCode.TryGetValue(p, out var parent) && parent.Type == UnitType.Command;
    }

    /// <summary>
    /// Each unit's data-scope path ("/GC/GC-NM/"): its ancestors' codes from the top. Units in a cycle or under an
    /// unknown parent get none (the check above refuses them first).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Paths(IReadOnlyList<UnitNode> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var byCode = new Dictionary<string, UnitNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in units)
        {
            byCode.TryAdd(u.Code, u);
        }

        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in units)
        {
            var chain = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var node = u;
            var ok = true;
            while (true)
            {
                if (!seen.Add(node.Code))
                {
                    ok = false;
                    break;
                }

                chain.Add(node.Code);
                if (node.ParentCode is null)
                {
                    break;
                }

                if (!byCode.TryGetValue(node.ParentCode, out var parent))
                {
                    ok = false;
                    break;
                }

                node = parent;
            }

            if (ok)
            {
                chain.Reverse();
                paths[u.Code] = "/" + string.Join('/', chain) + "/";
            }
        }

        return paths;
    }

    private static bool InCycle(UnitNode start, Dictionary<string, UnitNode> byCode)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { start.Code };
        var node = start;
        while (node.ParentCode is { } p && byCode.TryGetValue(p, out var parent))
        {
            if (string.Equals(parent.Code, start.Code, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!seen.Add(parent.Code))
            {
                // A cycle above this unit, not through it: the units on that cycle carry the message.
                return false;
            }

            node = parent;
        }

        return false;
    }

    private static string CycleText(UnitNode start, Dictionary<string, UnitNode> byCode)
    {
        var names = new List<string> { start.Code };
        var node = start;
        while (node.ParentCode is { } p && byCode.TryGetValue(p, out var parent))
        {
            names.Add(parent.Code);
            if (string.Equals(parent.Code, start.Code, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            node = parent;
        }

        return string.Join(" → ", names);
    }
}

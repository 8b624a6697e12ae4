using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Organisation;

public sealed record UnitRowDto(int Id, string Code, string Name, UnitType Type, string? ParentCode, string? ParentName, string? ContactName, string? ContactPhone,
    int SortOrder, bool Deactivated, string? FormerNames, int OpenProjects, IReadOnlyList<string> Tracks, int Version);

public sealed record PersonRowDto(int Id, string Code, string Name, PersonRole Role, string? Title, string? UnitCode, string? UnitName, string? Phone, bool Deactivated,
    IReadOnlyList<string> Serves, int Version);

public sealed record TrackRowDto(int Id, int Year, string Code, string Name, string? CommandCode, string? CommandName, int SortOrder, string? Colour, bool Deactivated, int Projects, int Version);

public sealed record ListRowDto(int Id, int Year, string Code, string Name, int SortOrder, string? Colour, bool Deactivated, int Projects, int Version);

/// <summary>The organisation as pages and the API show it. <see cref="Missing"/>: what a new district still has to set up.</summary>
public sealed record OrganisationView(int Year, IReadOnlyList<UnitRowDto> Units, IReadOnlyList<PersonRowDto> People, IReadOnlyList<TrackRowDto> Tracks, IReadOnlyList<ListRowDto> Lists, IReadOnlyList<string> Missing);

public static class OrganisationQueries
{
    /// <summary>
    /// Master data is hundreds of rows, not the portfolio: read whole, with project counts done by the database.
    /// </summary>
    public static async Task<OrganisationView> GetAsync(AppDbContext db, int year, bool includeDeactivated, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ApplyScope(DataScope.Everything);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var open = db.Projects.Where(p => p.Status == ProjectStatus.Open);
        var openByUnit = (await open.Select(p => p.ResponsibleUnitId).Concat(open.Where(p => p.TownId != null).Select(p => p.TownId!.Value))
            .Concat(open.Where(p => p.CommandId != null).Select(p => p.CommandId!.Value)).Concat(open.Where(p => p.OwnerId != null).Select(p => p.OwnerId!.Value))
            .ToListAsync(ct)).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.Year == year).OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct);
        var trackProjects = (await db.Projects.Where(p => p.TrackId != null && tracks.Select(t => t.Id).Contains(p.TrackId.Value)).GroupBy(p => p.TrackId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key!.Value, x => x.Count);
        var lists = await db.ProjectLists.AsNoTracking().Where(l => l.Year == year).OrderBy(l => l.SortOrder).ThenBy(l => l.Code).ToListAsync(ct);
        var listProjects = (await db.ProjectListEntries.Where(e => e.ProjectList!.Year == year).GroupBy(e => e.ProjectListId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Role).ThenBy(p => p.Code).ToListAsync(ct);
        var serves = (await db.Projects.AsNoTracking().Where(p => p.CommissionerId != null && p.Status == ProjectStatus.Open).OrderBy(p => p.Code)
            .Select(p => new { p.CommissionerId, p.Code }).ToListAsync(ct)).ToLookup(x => x.CommissionerId!.Value, x => x.Code);
        var tracksByCommand = tracks.Where(t => t.CommandId != null && !t.Deactivated).ToLookup(t => t.CommandId!.Value, t => t.Name);

        var unitRows = units.Where(u => includeDeactivated || !u.Deactivated).Select(u => new UnitRowDto(
            u.Id, u.Code, u.Name, u.Type, u.ParentId is { } p ? byId[p].Code : null, u.ParentId is { } p2 ? byId[p2].Name : null, u.ContactName, u.ContactPhone,
            u.SortOrder, u.Deactivated, u.FormerNames, openByUnit.GetValueOrDefault(u.Id), tracksByCommand[u.Id].ToList(), u.Version)).ToList();
        var personRows = people.Where(p => includeDeactivated || !p.Deactivated).Select(p => new PersonRowDto(
            p.Id, p.Code, p.Name, p.Role, p.Title, p.UnitId is { } u ? byId[u].Code : null, p.UnitId is { } u2 ? byId[u2].Name : null, p.Phone, p.Deactivated,
            serves[p.Id].ToList(), p.Version)).ToList();
        var trackRows = tracks.Where(t => includeDeactivated || !t.Deactivated).Select(t => new TrackRowDto(
            t.Id, t.Year, t.Code, t.Name, t.CommandId is { } c ? byId[c].Code : null, t.CommandId is { } c2 ? byId[c2].Name : null, t.SortOrder, t.Colour, t.Deactivated,
            trackProjects.GetValueOrDefault(t.Id), t.Version)).ToList();
        var listRows = lists.Where(l => includeDeactivated || !l.Deactivated).Select(l => new ListRowDto(
            l.Id, l.Year, l.Code, l.Name, l.SortOrder, l.Colour, l.Deactivated, listProjects.GetValueOrDefault(l.Id), l.Version)).ToList();

        var missing = new List<string>();
        if (!units.Any(u => u.Type == UnitType.Department && !u.Deactivated))
        {
            missing.Add("还没有部门:项目的责任单位从部门、街镇中选");
        }

        if (!units.Any(u => u.Type == UnitType.Town && !u.Deactivated))
        {
            missing.Add("还没有街镇");
        }

        if (!units.Any(u => u.Type == UnitType.Command && !u.Deactivated))
        {
            missing.Add("还没有指挥部(总指挥部及各专项指挥部)");
        }

        if (!tracks.Any(t => !t.Deactivated))
        {
            missing.Add($"{year}年还没有专项");
        }

        if (!lists.Any(l => !l.Deactivated && l.Code == Portfolio.PortfolioEvaluator.AnnualMajorList))
        {
            missing.Add($"{year}年还没有“年度重大建设项目”清单(代码 {Portfolio.PortfolioEvaluator.AnnualMajorList}):总览和赛马按它统计");
        }

        if (!people.Any(p => p.Role == PersonRole.ServiceCommissioner && !p.Deactivated))
        {
            missing.Add("还没有服务专员");
        }

        return new OrganisationView(year, unitRows, personRows, trackRows, listRows, missing);
    }
}

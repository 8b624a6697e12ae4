using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Organisation;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Organisation;

/// <summary>A unit as the form and the API send it. <see cref="Tracks"/>: for a 专项指挥部, the ids of the year's tracks it dispatches.</summary>
public sealed record UnitInput(
    string? Code, string? Name, UnitType Type, string? ParentCode, string? ContactName, string? ContactPhone, int SortOrder, bool Deactivated,
    int Version = 0, IReadOnlyList<int>? Tracks = null, int? Year = null);

public sealed record PersonInput(string? Code, string? Name, PersonRole Role, string? Title, string? UnitCode, string? Phone, bool Deactivated, int Version = 0);

public sealed record TrackInput(int Year, string? Code, string? Name, string? CommandCode, int SortOrder, string? Colour, bool Deactivated, int Version = 0);

public sealed record ListInput(int Year, string? Code, string? Name, int SortOrder, string? Colour, bool Deactivated, int Version = 0);

/// <summary>
/// Creating and changing one organisation record from a form or the API, under the same rules as the workbook
/// (<see cref="OrganisationRules"/> over the organisation as the change would leave it). Codes are keys — a unit's
/// code is in its data-scope path and in every export — so they are set once and not edited; a rename keeps the old
/// name. Nothing is deleted: 停用 keeps a record for the history that refers to it. A problem throws
/// <see cref="ValidationFailedException"/> (field → Chinese message) and a stale version
/// <see cref="ConcurrencyConflictException"/>; either way nothing is saved.
/// </summary>
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

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
            {
                throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
            }
        }

        public string? Text(string field, string? value, string label, int max, bool required = true)
        {
            var t = value?.Trim();
            if (string.IsNullOrEmpty(t))
            {
                if (required)
                {
                    Add(field, $"{label}不能为空");
                }

                return null;
            }

            if (t.Length > max)
            {
                Add(field, $"{label}最多{max}字,收到{t.Length}字");
            }

            if (t.Any(char.IsControl))
            {
                Add(field, $"{label}含有控制字符");
            }

            return t;
        }

        public string? Colour(string? value)
        {
            var t = value?.Trim();
            if (string.IsNullOrEmpty(t))
            {
                return null;
            }

            var hex = t.StartsWith('#') ? t : "#" + t;
            if (!OrganisationWorkbook.IsColour(hex))
            {
                Add("colour", $"颜色应写作 #RRGGBB(如 #1F77B4),收到“{t}”");
                return null;
            }

            return hex.ToUpperInvariant();
        }
    }

    private static void CheckVersion(IVersioned existing, int version, string what)
    {
        if (existing.Version != version)
        {
            throw new ConcurrencyConflictException($"该{what}已被他人修改(当前版本 {existing.Version}),请刷新后再保存", existing.Version);
        }
    }

    private static async Task SaveAsync(AppDbContext db, IVersioned entity, string what, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException($"该{what}已被他人修改,请刷新后再保存", entity.Version);
        }
    }

    /// <summary>Codes of units an open project still answers to (responsible, town, owner, command).</summary>
    private static async Task<HashSet<string>> OpenProjectUnitsAsync(AppDbContext db, CancellationToken ct)
    {
        var ids = await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Open)
            .Select(p => new { p.ResponsibleUnitId, p.TownId, p.OwnerId, p.CommandId }).ToListAsync(ct);
        var wanted = ids.SelectMany(p => new[] { (int?)p.ResponsibleUnitId, p.TownId, p.OwnerId, p.CommandId }).OfType<int>().Distinct().ToList();
        return (await db.Units.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public static async Task<Unit> SaveUnitAsync(AppDbContext db, int? id, UnitInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        db.ApplyScope(DataScope.Everything);
        var e = new Errors();
        var units = await db.Units.ToListAsync(ct);
        var unit = id is { } i ? units.FirstOrDefault(u => u.Id == i) ?? throw new KeyNotFoundException($"单位 {i} 不存在") : null;
        var code = unit?.Code ?? e.Text("code", input.Code, "单位代码", 64);
        if (unit is not null && input.Code is { } c0 && !string.Equals(c0.Trim(), unit.Code, StringComparison.Ordinal))
        {
            e.Add("code", "单位代码是数据权限和导入导出的依据,建立后不能修改;如确需更换,请新建单位后停用旧单位");
        }

        var name = e.Text("name", input.Name, "单位名称", 200);
        var contact = e.Text("contactName", input.ContactName, "填报联系人", 100, required: false);
        var phone = e.Text("contactPhone", input.ContactPhone, "联系电话", 50, required: false);
        if (!Enum.IsDefined(input.Type))
        {
            e.Add("type", "请选择单位类型");
        }

        if (unit is null && code is not null && units.Any(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase)))
        {
            e.Add("code", $"单位代码“{code}”已被使用");
        }

        var parentCode = string.IsNullOrWhiteSpace(input.ParentCode) ? null : input.ParentCode.Trim();
        if (unit is not null)
        {
            CheckVersion(unit, input.Version, "单位");
        }

        e.ThrowIfAny();

        // The year's tracks: for a track command, the form names the tracks it dispatches (the others it loses).
        var year = input.Year ?? await db.Tracks.MaxAsync(t => (int?)t.Year, ct) ?? db.Clock.GetUtcNow().Year;
        var tracks = await db.Tracks.Where(t => t.Year == year).ToListAsync(ct);
        var codeOf = units.ToDictionary(u => u.Id, u => u.Code);
        string? CommandOf(Track t) => input.Tracks switch
        {
            { } chosen when chosen.Contains(t.Id) => code,
            not null when unit is not null && t.CommandId == unit.Id => null,
            _ => t.CommandId is { } tc ? codeOf[tc] : null,
        };

        var nodes = units.Where(u => u != unit).Select(u => new UnitNode(0, u.Code, u.Name, u.Type, u.ParentId is { } p ? codeOf[p] : null, u.Deactivated)).ToList();
        nodes.Add(new UnitNode(1, code!, name!, input.Type, parentCode, input.Deactivated));
        var trackNodes = tracks.Select(t => new TrackNode(0, t.Code, t.Name, CommandOf(t), t.Deactivated)).ToList();
        var problems = OrganisationRules.Check(nodes, trackNodes, await OpenProjectUnitsAsync(db, ct));
        foreach (var p in problems.Where(p => p.Row == 1 || p.Kind == OrganisationKind.Track))
        {
            e.Add(p.Field switch { OrganisationField.Parent => "parentCode", OrganisationField.Type => "tracks", OrganisationField.Status => "deactivated", _ => "code" }, p.Message);
        }

        foreach (var p in problems.Where(p => p.Row == 0 && p.Kind == OrganisationKind.Unit && p.Field == OrganisationField.Type
            && tracks.Any(t => t.CommandId is { } tc && string.Equals(codeOf[tc], p.Code, StringComparison.OrdinalIgnoreCase) && CommandOf(t) != p.Code)))
        {
            // Only what this change causes: taking its last track from another track command.
            e.Add("tracks", p.Message);
        }

        e.ThrowIfAny();
        var newCommands = tracks.ToDictionary(t => t, CommandOf);
        if (unit is null)
        {
            unit = new Unit { Code = code!, Name = name! };
            db.Units.Add(unit);
        }

        Rename(unit, name!);
        unit.Type = input.Type;
        unit.ContactName = contact;
        unit.ContactPhone = phone;
        unit.SortOrder = input.SortOrder;
        unit.Deactivated = input.Deactivated;
        unit.Parent = parentCode is null ? null : units.First(u => string.Equals(u.Code, parentCode, StringComparison.OrdinalIgnoreCase));
        unit.ParentId = unit.Parent?.Id;
        foreach (var (t, commandCode) in newCommands)
        {
            var command = commandCode is null ? null : string.Equals(commandCode, unit.Code, StringComparison.OrdinalIgnoreCase) ? unit : units.First(u => string.Equals(u.Code, commandCode, StringComparison.OrdinalIgnoreCase));
            if (!ReferenceEquals(t.Command, command) && t.CommandId != command?.Id || command?.Id == 0)
            {
                t.Command = command;
                t.CommandId = command?.Id;
            }
        }

        // A move rewrites the scope path of the unit and of everything below it.
        var paths = OrganisationRules.Paths(nodes);
        foreach (var u in units.Append(unit).Distinct())
        {
            if (paths.TryGetValue(u.Code, out var path) && u.Path != path)
            {
                u.Path = path;
            }
        }

        await SaveAsync(db, unit, "单位", ct);
        return unit;
    }

    public static async Task<Person> SavePersonAsync(AppDbContext db, int? id, PersonInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        db.ApplyScope(DataScope.Everything);
        var e = new Errors();
        var person = id is { } i ? await db.People.FirstOrDefaultAsync(p => p.Id == i, ct) ?? throw new KeyNotFoundException($"人员 {i} 不存在") : null;
        var code = person?.Code ?? e.Text("code", input.Code, "人员编码", 64);
        if (person is null && code is not null && await db.People.AnyAsync(p => p.Code == code, ct))
        {
            e.Add("code", $"人员编码“{code}”已被使用");
        }

        var name = e.Text("name", input.Name, "姓名", 100);
        var title = e.Text("title", input.Title, "职务", 200, required: false);
        var phone = e.Text("phone", input.Phone, "联系电话", 50, required: false);
        if (!Enum.IsDefined(input.Role))
        {
            e.Add("role", "请选择角色:责任领导或服务专员");
        }

        Unit? unit = null;
        if (!string.IsNullOrWhiteSpace(input.UnitCode))
        {
            unit = await db.Units.FirstOrDefaultAsync(u => u.Code == input.UnitCode.Trim(), ct);
            if (unit is null)
            {
                e.Add("unitCode", $"所在单位“{input.UnitCode}”不存在");
            }
            else if (unit.Deactivated && unit.Id != person?.UnitId)
            {
                e.Add("unitCode", $"“{unit.Name}”已停用");
            }
        }

        if (person is not null)
        {
            CheckVersion(person, input.Version, "人员");
            if (input.Deactivated && !person.Deactivated)
            {
                var serving = await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Open && (p.LeadOfficialId == person.Id || p.CommissionerId == person.Id))
                    .OrderBy(p => p.Code).Select(p => p.Code).Take(5).ToListAsync(ct);
                if (serving.Count > 0)
                {
                    e.Add("deactivated", $"“{person.Name}”仍是在建项目 {string.Join("、", serving)} 的{OrganisationWorkbook.RoleName(person.Role)},不能停用:请先在项目中改派他人");
                }
            }
        }

        e.ThrowIfAny();
        if (person is null)
        {
            person = new Person { Code = code!, Name = name! };
            db.People.Add(person);
        }

        person.Name = name!;
        person.Role = input.Role;
        person.Title = title;
        person.Phone = phone;
        person.UnitId = unit?.Id;
        person.Deactivated = input.Deactivated;
        await SaveAsync(db, person, "人员", ct);
        return person;
    }

    public static async Task<Track> SaveTrackAsync(AppDbContext db, int? id, TrackInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        db.ApplyScope(DataScope.Everything);
        var e = new Errors();
        var tracks = await db.Tracks.Where(t => t.Year == input.Year).ToListAsync(ct);
        var track = id is { } i ? await db.Tracks.FirstOrDefaultAsync(t => t.Id == i, ct) ?? throw new KeyNotFoundException($"专项 {i} 不存在") : null;
        if (track is not null && track.Year != input.Year)
        {
            e.Add("year", "专项属于某一年,不能改到其他年份;新的一年请用“开启新年度”复制");
        }

        var code = track?.Code ?? e.Text("code", input.Code, "专项代码", 64);
        if (track is null && code is not null && tracks.Any(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase)))
        {
            e.Add("code", $"{input.Year}年已有专项代码“{code}”");
        }

        var name = e.Text("name", input.Name, "专项名称", 200);
        var colour = e.Colour(input.Colour);
        if (track is not null)
        {
            CheckVersion(track, input.Version, "专项");
            if (input.Deactivated && !track.Deactivated)
            {
                var open = await db.Projects.CountAsync(p => p.TrackId == track.Id && p.Status == ProjectStatus.Open, ct);
                if (open > 0)
                {
                    e.Add("deactivated", $"该专项仍有{open}个在建项目,不能停用:请先把项目移到其他专项");
                }
            }
        }

        e.ThrowIfAny();
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var codeOf = units.ToDictionary(u => u.Id, u => u.Code);
        var commandCode = string.IsNullOrWhiteSpace(input.CommandCode) ? null : input.CommandCode.Trim();
        var nodes = units.Select(u => new UnitNode(0, u.Code, u.Name, u.Type, u.ParentId is { } p ? codeOf[p] : null, u.Deactivated)).ToList();
        var trackNodes = tracks.Where(t => t != track).Select(t => new TrackNode(0, t.Code, t.Name, t.CommandId is { } c ? codeOf[c] : null, t.Deactivated))
            .Append(new TrackNode(1, code!, name!, commandCode, input.Deactivated)).ToList();
        foreach (var p in OrganisationRules.Check(nodes, trackNodes, new HashSet<string>()))
        {
            if (p.Kind == OrganisationKind.Track && p.Row == 1)
            {
                e.Add(p.Field == OrganisationField.Command ? "commandCode" : "code", p.Message);
            }
            else if (p.Kind == OrganisationKind.Unit && p.Field == OrganisationField.Type && track?.CommandId is { } old && codeOf[old] == p.Code)
            {
                // Only a problem this change causes: the command the track leaves would dispatch nothing.
                e.Add("commandCode", p.Message);
            }
        }

        e.ThrowIfAny();
        if (track is null)
        {
            track = new Track { Year = input.Year, Code = code!, Name = name! };
            db.Tracks.Add(track);
        }

        track.Name = name!;
        track.SortOrder = input.SortOrder;
        track.Colour = colour;
        track.Deactivated = input.Deactivated;
        track.CommandId = commandCode is null ? null : units.First(u => string.Equals(u.Code, commandCode, StringComparison.OrdinalIgnoreCase)).Id;
        await SaveAsync(db, track, "专项", ct);
        return track;
    }

    public static async Task<ProjectList> SaveListAsync(AppDbContext db, int? id, ListInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var e = new Errors();
        var list = id is { } i ? await db.ProjectLists.FirstOrDefaultAsync(l => l.Id == i, ct) ?? throw new KeyNotFoundException($"清单 {i} 不存在") : null;
        if (list is not null && list.Year != input.Year)
        {
            e.Add("year", "清单属于某一年,不能改到其他年份");
        }

        var code = list?.Code ?? e.Text("code", input.Code, "清单代码", 64);
        if (list is null && code is not null && await db.ProjectLists.AnyAsync(l => l.Year == input.Year && l.Code == code, ct))
        {
            e.Add("code", $"{input.Year}年已有清单代码“{code}”");
        }

        var name = e.Text("name", input.Name, "清单名称", 200);
        var colour = e.Colour(input.Colour);
        if (list is not null)
        {
            CheckVersion(list, input.Version, "清单");
        }

        e.ThrowIfAny();
        if (list is null)
        {
            list = new ProjectList { Year = input.Year, Code = code!, Name = name! };
            db.ProjectLists.Add(list);
        }

        list.Name = name!;
        list.SortOrder = input.SortOrder;
        list.Colour = colour;
        list.Deactivated = input.Deactivated;
        await SaveAsync(db, list, "清单", ct);
        return list;
    }
}

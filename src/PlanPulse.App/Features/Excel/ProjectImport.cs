using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Excel;

/// <summary>
/// The project library (项目库) from a sheet, updated by project code. The sheet is the record for the columns it
/// has: a present column sets the field (a blank cell clears it), an absent column leaves the field alone, so a sheet
/// with only 项目代码/项目名称/责任单位/总投资 can fix those without touching the rest. Units, tracks, lists and people
/// are looked up by name (or code) and never created: an owner typed two ways would otherwise become two units, and a
/// unit is also a data-scope node whose users see its projects — creating one is the administrator's decision.
/// </summary>
public static class ProjectImport
{
    public const string SheetName = "项目库";

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("code", "项目代码", CellKind.Text, true, "项目编号", "项目编码", "编码", "代码"),
        new("name", "项目名称", CellKind.Text, true, "名称"),
        new("content", "建设内容", CellKind.Text, false, "建设规模及内容", "主要建设内容", "建设规模和内容"),
        new("track", "所属专项", CellKind.Text, false, "专项", "赛道"),
        new("lists", "所属清单", CellKind.Text, false, "清单", "项目层级", "层级"),
        new("phase", "项目阶段", CellKind.Text, false, "阶段", "建设阶段"),
        new("town", "所在街镇", CellKind.Text, false, "街镇", "属地", "所在镇街"),
        new("owner", "业主单位", CellKind.Text, false, "项目业主", "业主"),
        new("unit", "责任单位", CellKind.Text, true, "牵头单位", "责任部门"),
        new("lead", "责任领导", CellKind.Text, false, "区领导", "联系领导"),
        new("commissioner", "服务专员", CellKind.Text, false, "专员"),
        new("command", "指挥部", CellKind.Text, false, "牵头指挥部", "专项指挥部"),
        new("total", "总投资(万元)", CellKind.Amount, true, "总投资", "计划总投资", "项目总投资"),
        new("start", "计划开工", CellKind.Date, false, "计划开工时间", "开工时间"),
        new("finish", "计划竣工", CellKind.Date, false, "计划竣工时间", "竣工时间"),
        new("central", "中央预算内(万元)", CellKind.Amount, false, "中央预算内", "中央预算内资金", "中央预算内投资"),
        new("bonds", "地方政府专项债(万元)", CellKind.Amount, false, "地方政府专项债", "专项债", "专项债券", "地方政府专项债券"),
        new("loans", "银行贷款(万元)", CellKind.Amount, false, "银行贷款", "贷款"),
        new("self", "企业自筹(万元)", CellKind.Amount, false, "企业自筹", "自筹", "自筹资金"),
        new("other", "其他资金(万元)", CellKind.Amount, false, "其他资金", "其他"),
        new("started", "实际开工", CellKind.Date, false, "实际开工时间", "开工月份"),
        new("registered", "入库纳统", CellKind.Date, false, "纳统时间", "入库时间", "入库纳统时间"),
    ];

    private static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '/', '\n'];

    private sealed record Row(
        SheetRow Source,
        string Code,
        string Name,
        string? Content,
        int? TrackId,
        IReadOnlySet<int>? ListIds,
        Phase? Phase,
        int? TownId,
        int? OwnerId,
        int UnitId,
        int? LeadId,
        int? CommissionerId,
        int? CommandId,
        decimal Total,
        DateOnly? Start,
        DateOnly? Finish,
        decimal Central,
        decimal Bonds,
        decimal Loans,
        decimal Self,
        decimal Other,
        YearMonth? Started,
        YearMonth? Registered);

    /// <summary>Phase names as offices write them; 在建 is what most sheets call 续建.</summary>
    public static bool TryPhase(string text, out Phase phase)
    {
        foreach (var p in Enum.GetValues<Phase>())
        {
            if (Names.Of(p) == text || string.Equals(p.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                phase = p;
                return true;
            }
        }

        phase = text switch
        {
            "在建" or "续建项目" => Phase.Continuing,
            "新开工项目" or "新建" => Phase.NewStart,
            "前期项目" or "前期工作" => Phase.Preparation,
            "储备项目" => Phase.Reserve,
            _ => 0,
        };
        return phase != 0;
    }

    public static async Task<ImportResult> RunAsync(AppDbContext db, Stream xlsx, ImportOptions options, int year, CancellationToken ct = default)
    {
        using var sheet = SheetReader.Read(xlsx, Columns);
        if (sheet.Problems.Count > 0)
        {
            return new ImportResult(false, new ImportSummary(0, 0, 0, 0, 0, sheet.Skipped), sheet.Problems, null);
        }

        // Every lookup is loaded once; rows are matched in memory (50,000 rows must not mean 50,000 queries).
        var units = await db.Units.AsNoTracking().Select(u => new Named(u.Id, u.Code, u.Name, (int)u.Type)).ToListAsync(ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.Year == year).Select(t => new Named(t.Id, t.Code, t.Name, 0)).ToListAsync(ct);
        var lists = await db.ProjectLists.AsNoTracking().Where(l => l.Year == year).Select(l => new Named(l.Id, l.Code, l.Name, 0)).ToListAsync(ct);
        var people = await db.People.AsNoTracking().Select(p => new Named(p.Id, p.Code, p.Name, (int)p.Role)).ToListAsync(ct);
        var unitIndex = new NameIndex(units);
        var trackIndex = new NameIndex(tracks);
        var listIndex = new NameIndex(lists);
        var leadIndex = new NameIndex(people.Where(p => p.Type == (int)PersonRole.LeadOfficial));
        var commissionerIndex = new NameIndex(people.Where(p => p.Type == (int)PersonRole.ServiceCommissioner));

        var rowProblems = new Dictionary<int, List<ExcelProblem>>();
        var parsed = new List<Row>();
        var rowsByCode = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var source in sheet.ReadRows())
        {
            var mine = new List<ExcelProblem>();
            var row = Parse(sheet.Row(source, mine), year, unitIndex, trackIndex, listIndex, leadIndex, commissionerIndex);
            if (row is not null && mine.Count == 0)
            {
                parsed.Add(row);
            }

            ImportSteps.NoteCode(rowsByCode, sheet.Row(source, []).Text("code"), source.Number);
            if (mine.Count > 0)
            {
                rowProblems[source.Number] = mine;
            }
        }

        ImportSteps.RejectDuplicates(sheet, rowsByCode, rowProblems);
        var problems = ImportSteps.InRowOrder(rowProblems);
        var valid = parsed.Where(r => !rowProblems.ContainsKey(r.Source.Number)).ToList();
        var rejectedCount = rowProblems.Count;
        var apply = options.Mode == ImportMode.Commit && (problems.Count == 0 || options.KeepValid);

        var codes = valid.Select(r => r.Code).ToList();
        // One array/JSON parameter: EF Core 10 otherwise expands a list into a parameter per element, and a 50,000-row
        // sheet exceeds SQLite's 32,766 variables.
        var existing = await db.Projects.Where(p => EF.Parameter(codes).Contains(p.Code)).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var existingIds = existing.Values.Select(p => p.Id).ToList();
        var entries = sheet.Has("lists")
            ? await db.ProjectListEntries.Where(e => e.ProjectList!.Year == year && EF.Parameter(existingIds).Contains(e.ProjectId)).ToListAsync(ct)
            : [];
        var entriesByProject = entries.ToLookup(e => e.ProjectId);
        var milestones = sheet.Has("started") || sheet.Has("registered")
            ? await db.ReachedMilestones.Where(m => (m.Kind == MilestoneKind.Start || m.Kind == MilestoneKind.Registered) && EF.Parameter(existingIds).Contains(m.ProjectId)).ToListAsync(ct)
            : [];
        var milestonesByProject = milestones.ToLookup(m => m.ProjectId);
        var now = db.Clock.GetUtcNow();

        int created = 0, updated = 0, unchanged = 0;
        foreach (var r in valid)
        {
            if (!existing.TryGetValue(r.Code, out var project))
            {
                created++;
                if (apply)
                {
                    project = new Project { Code = r.Code, Name = r.Name, Phase = r.Phase ?? Phase.Preparation };
                    Apply(sheet, project, r);
                    db.Projects.Add(project);
                    foreach (var listId in r.ListIds ?? new HashSet<int>())
                    {
                        db.ProjectListEntries.Add(new ProjectListEntry { ProjectListId = listId, Project = project });
                    }

                    SetMilestones(db, sheet, project, r, [], now);
                }

                continue;
            }

            Apply(sheet, project, r);
            var changed = db.Entry(project).State == EntityState.Modified;
            if (r.ListIds is { } wanted)
            {
                var current = entriesByProject[project.Id].ToList();
                foreach (var gone in current.Where(e => !wanted.Contains(e.ProjectListId)))
                {
                    db.ProjectListEntries.Remove(gone);
                    changed = true;
                }

                foreach (var added in wanted.Where(id => current.All(e => e.ProjectListId != id)))
                {
                    db.ProjectListEntries.Add(new ProjectListEntry { ProjectListId = added, ProjectId = project.Id });
                    changed = true;
                }
            }

            changed |= SetMilestones(db, sheet, project, r, milestonesByProject[project.Id].ToList(), now);
            if (changed)
            {
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        var summary = new ImportSummary(sheet.RowCount, created, updated, unchanged, rejectedCount, sheet.Skipped);
        return await ImportSteps.FinishAsync(db, sheet, apply, summary, problems, rowProblems, ct);
    }

    /// <summary>
    /// 实际开工 and 入库纳统 are milestones a monthly report records; the library sheet may carry them too, which is
    /// how a district adopting PlanPulse brings in projects started in earlier years. A milestone typed for a past
    /// month counts as recorded when that month's reports were due (the first day after it, Beijing time), not at
    /// the moment of the import: months already past are then shown as they stood.
    /// </summary>
    private static bool SetMilestones(AppDbContext db, SheetReader sheet, Project project, Row r, List<ReachedMilestone> current, DateTimeOffset now)
    {
        var changed = false;
        foreach (var (key, kind, month) in new[] { ("started", MilestoneKind.Start, r.Started), ("registered", MilestoneKind.Registered, r.Registered) })
        {
            if (!sheet.Has(key))
            {
                continue;
            }

            var existing = current.FirstOrDefault(m => m.Kind == kind);
            if (month is not { } ym)
            {
                if (existing is not null)
                {
                    db.ReachedMilestones.Remove(existing);
                    changed = true;
                }

                continue;
            }

            if (existing?.Month == ym.Id)
            {
                continue;
            }

            var due = new DateTimeOffset(ym.AddMonths(1).FirstDay.ToDateTime(TimeOnly.MinValue), ReportingCalendar.ChinaOffset);
            var recorded = (due < now ? due : now).UtcDateTime;
            if (existing is null)
            {
                db.ReachedMilestones.Add(new ReachedMilestone { Project = project, ProjectId = project.Id, Kind = kind, Month = ym.Id, RecordedAt = recorded });
            }
            else
            {
                existing.Month = ym.Id;
                existing.RecordedAt = recorded;
            }

            changed = true;
        }

        return changed;
    }

    private static void Apply(SheetReader sheet, Project p, Row r)
    {
        p.Name = r.Name;
        p.ResponsibleUnitId = r.UnitId;
        p.TotalInvestment = r.Total;
        if (sheet.Has("content"))
        {
            p.Content = r.Content;
        }

        if (sheet.Has("track"))
        {
            p.TrackId = r.TrackId;
        }

        if (r.Phase is { } phase)
        {
            p.Phase = phase;
        }

        if (sheet.Has("town"))
        {
            p.TownId = r.TownId;
        }

        if (sheet.Has("owner"))
        {
            p.OwnerId = r.OwnerId;
        }

        if (sheet.Has("lead"))
        {
            p.LeadOfficialId = r.LeadId;
        }

        if (sheet.Has("commissioner"))
        {
            p.CommissionerId = r.CommissionerId;
        }

        if (sheet.Has("command"))
        {
            p.CommandId = r.CommandId;
        }

        if (sheet.Has("start"))
        {
            p.PlannedStart = r.Start;
        }

        if (sheet.Has("finish"))
        {
            p.PlannedFinish = r.Finish;
        }

        if (sheet.Has("central"))
        {
            p.FundCentralBudget = r.Central;
        }

        if (sheet.Has("bonds"))
        {
            p.FundSpecialBonds = r.Bonds;
        }

        if (sheet.Has("loans"))
        {
            p.FundBankLoans = r.Loans;
        }

        if (sheet.Has("self"))
        {
            p.FundSelfRaised = r.Self;
        }

        if (sheet.Has("other"))
        {
            p.FundOther = r.Other;
        }
    }

    private static Row? Parse(RowReader x, int year, NameIndex units, NameIndex tracks, NameIndex lists, NameIndex leads, NameIndex commissioners)
    {
        var code = x.Text("code", 64);
        if (code is null)
        {
            x.Fail("code", "项目代码不能为空");
        }

        var name = x.Text("name", 300);
        if (name is null)
        {
            x.Fail("name", "项目名称不能为空");
        }

        var content = x.Text("content", 4000);
        int? trackId = Lookup(x, "track", tracks, $"{year}年没有专项", null);
        int? townId = Lookup(x, "town", units, "系统中没有街镇", (int)UnitType.Town);
        int? ownerId = Lookup(x, "owner", units, "系统中没有单位", null);
        int? commandId = Lookup(x, "command", units, "系统中没有指挥部", (int)UnitType.Command);
        int? leadId = Lookup(x, "lead", leads, "系统中没有责任领导", null);
        int? commissionerId = Lookup(x, "commissioner", commissioners, "系统中没有服务专员", null);
        int? unitId = Lookup(x, "unit", units, "系统中没有单位", null);
        if (unitId is null && x.Text("unit") is null)
        {
            x.Fail("unit", "责任单位不能为空");
        }

        HashSet<int>? listIds = null;
        if (x.Has("lists"))
        {
            listIds = [];
            foreach (var part in (x.Text("lists") ?? string.Empty).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (lists.Find(part, null, out var id, out var why))
                {
                    listIds.Add(id);
                }
                else
                {
                    x.Fail("lists", why ?? $"{year}年没有清单“{part}”");
                }
            }
        }

        Phase? phase = null;
        if (x.Has("phase"))
        {
            var text = x.Text("phase");
            if (text is null)
            {
                x.Fail("phase", "项目阶段不能为空(储备、前期、新开工、续建、竣工、投产)");
            }
            else if (TryPhase(SheetReader.Normalise(text), out var p))
            {
                phase = p;
            }
            else
            {
                x.Fail("phase", $"未知的项目阶段“{text}”,应为 储备、前期、新开工、续建、竣工、投产 之一");
            }
        }

        x.NonNegative("total", "总投资", "总投资不能为空", out var total);

        x.Date("start", out var start);
        if (x.Date("finish", out var finish) && start is { } s && finish is { } f && f < s)
        {
            x.Fail("finish", $"计划竣工({f:yyyy-MM-dd})早于计划开工({s:yyyy-MM-dd})");
        }

        decimal Fund(string key)
        {
            x.NonNegative(key, "资金", null, out var v);
            return v ?? 0m;
        }

        var central = Fund("central");
        var bonds = Fund("bonds");
        var loans = Fund("loans");
        var self = Fund("self");
        var other = Fund("other");
        x.Month("started", year, out var started);
        x.Month("registered", year, out var registered);

        if (code is null || name is null || unitId is null || total is null)
        {
            return null;
        }

        return new Row(x.Source, code, name, content, trackId, listIds, phase, townId, ownerId, unitId.Value, leadId, commissionerId, commandId,
            total.Value, start, finish, central, bonds, loans, self, other, started, registered);
    }

    private static int? Lookup(RowReader x, string key, NameIndex index, string missing, int? type)
    {
        var text = x.Text(key);
        if (text is null)
        {
            return null;
        }

        if (index.Find(text, type, out var id, out var why))
        {
            return id;
        }

        x.Fail(key, why ?? $"{missing}“{text}”,请先在系统中建立或核对名称");
        return null;
    }
}

internal sealed record Named(int Id, string Code, string Name, int Type);

/// <summary>Names and codes of one kind of record, compared without spaces and with full-width brackets folded.</summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, List<Named>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Named> _byCode = new(StringComparer.OrdinalIgnoreCase);

    public NameIndex(IEnumerable<Named> items)
    {
        foreach (var item in items)
        {
            var key = SheetReader.Normalise(item.Name);
            if (!_byName.TryGetValue(key, out var list))
            {
                _byName[key] = list = [];
            }

            list.Add(item);
            _byCode.TryAdd(item.Code, item);
        }
    }

    /// <summary>By name first (what people type), then by code; a name two records share is an error, not a pick.</summary>
    public bool Find(string text, int? type, out int id, out string? why)
    {
        id = 0;
        why = null;
        if (_byName.TryGetValue(SheetReader.Normalise(text), out var found) || (_byCode.TryGetValue(text.Trim(), out var one) && (found = [one]) is not null))
        {
            var typed = type is { } t ? found.Where(f => f.Type == t).ToList() : found;
            if (typed.Count == 1)
            {
                id = typed[0].Id;
                return true;
            }

            if (typed.Count == 0)
            {
                why = $"“{text}”不是{Names.Of((UnitType)type!.Value)}";
                return false;
            }

            why = $"“{text}”有{typed.Count}个同名记录,请改填代码:{string.Join("、", typed.Select(f => f.Code))}";
            return false;
        }

        return false;
    }
}

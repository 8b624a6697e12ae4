using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.Domain.Organisation;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Organisation;

/// <summary>Reads the organisation workbook of <see cref="OrganisationWorkbook"/> into the database. See there for the rules.</summary>
public static class OrganisationImport
{
    private sealed record UnitRow(int Row, string Code, string Name, UnitType Type, string? ParentText, string? Contact, string? Phone, int? Order, bool Deactivated);

    private sealed record PersonRow(int Row, string Code, string Name, PersonRole Role, string? Title, string? UnitText, string? Phone, bool Deactivated);

    private sealed record TrackRow(int Row, string Code, string Name, string? CommandText, int? Order, string? Colour, bool Deactivated);

    private sealed record ListRow(int Row, string Code, string Name, int? Order, string? Colour, bool Deactivated);

    /// <summary>One sheet being read: its reader, the rows' problems, the parsed valid rows.</summary>
    private sealed class Part<T>(SheetReader? sheet)
    {
        public SheetReader? Sheet { get; } = sheet;

        public Dictionary<int, List<ExcelProblem>> Problems { get; } = [];

        public List<T> Rows { get; } = [];

        public void Fail(int row, string key, string message)
        {
            if (Sheet is null)
            {
                return;
            }

            if (!Problems.TryGetValue(row, out var list))
            {
                Problems[row] = list = [];
            }

            var c = Sheet.Column(key);
            list.Add(new ExcelProblem(Sheet.Sheet, row, c?.Header, c?.Letter, message));
        }
    }

    public static async Task<ImportResult> RunAsync(AppDbContext db, Stream xlsx, ImportOptions options, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(xlsx);
        ArgumentNullException.ThrowIfNull(options);

        // The reader seeks; an upload stream may not.
        using var buffer = new MemoryStream();
        await xlsx.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        List<string> names;
        try
        {
            names = buffer.GetSheetNames();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or NotSupportedException or System.Xml.XmlException)
        {
            return Refused(new ExcelProblem(OrganisationWorkbook.UnitsSheet, 0, null, null, "无法读取文件:请上传 Excel 2007 及以上的 .xlsx 文件(.xls 请先另存为 .xlsx)"));
        }

        string[] known = [OrganisationWorkbook.UnitsSheet, OrganisationWorkbook.PeopleSheet, OrganisationWorkbook.TracksSheet, OrganisationWorkbook.ListsSheet];
        if (!known.Any(names.Contains))
        {
            return Refused(new ExcelProblem(names.FirstOrDefault() ?? "?", 0, null, null, $"文件中没有“单位”“人员”“专项”“清单”中的任何一张工作表(收到:{string.Join("、", names)})"));
        }

        // Each sheet is read to the end before the next is opened: the readers share one buffer.
        var units = ReadUnits(Open(buffer, names, OrganisationWorkbook.UnitsSheet, OrganisationWorkbook.UnitColumns));
        var people = ReadPeople(Open(buffer, names, OrganisationWorkbook.PeopleSheet, OrganisationWorkbook.PeopleColumns));
        var tracks = ReadTracks(Open(buffer, names, OrganisationWorkbook.TracksSheet, OrganisationWorkbook.TrackColumns));
        var lists = ReadLists(Open(buffer, names, OrganisationWorkbook.ListsSheet, OrganisationWorkbook.ListColumns));
        var sheetProblems = new[] { units.Sheet, people.Sheet, tracks.Sheet, lists.Sheet }.Where(s => s is not null).SelectMany(s => s!.Problems).ToList();
        if (sheetProblems.Count > 0)
        {
            return Refused([.. sheetProblems]);
        }

        // The organisation as the workbook would leave it, checked as a whole. Under keep-valid a rejected row can
        // leave another without its parent or command, so the check runs again until nothing more is rejected.
        db.ApplyScope(DataScope.Everything);
        var dbUnits = await db.Units.ToListAsync(ct);
        var dbPeople = await db.People.ToListAsync(ct);
        var dbTracks = await db.Tracks.Where(t => t.Year == year).ToListAsync(ct);
        var dbLists = await db.ProjectLists.Where(l => l.Year == year).ToListAsync(ct);
        var openProjects = await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Open)
            .Select(p => new { p.ResponsibleUnitId, p.TownId, p.OwnerId, p.CommandId, p.LeadOfficialId, p.CommissionerId }).ToListAsync(ct);
        var unitCodeById = dbUnits.ToDictionary(u => u.Id, u => u.Code);
        var openUnitCodes = openProjects.SelectMany(p => new[] { (int?)p.ResponsibleUnitId, p.TownId, p.OwnerId, p.CommandId })
            .OfType<int>().Select(id => unitCodeById[id]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var openPersonIds = openProjects.SelectMany(p => new[] { p.LeadOfficialId, p.CommissionerId }).OfType<int>().ToHashSet();

        Shape shape;
        while (true)
        {
            shape = CheckShape(units, people, tracks, dbUnits, dbPeople, dbTracks, openUnitCodes, openPersonIds);
            var rejectedBefore = units.Problems.Count + people.Problems.Count + tracks.Problems.Count;
            foreach (var p in shape.Problems)
            {
                switch (p.Kind)
                {
                    case OrganisationKind.Unit:
                        var ur = units.Rows.FirstOrDefault(r => string.Equals(r.Code, p.Code, StringComparison.OrdinalIgnoreCase));
                        if (ur is not null)
                        {
                            units.Fail(ur.Row, Key(p.Field), p.Message);
                        }
                        else
                        {
                            shape.Unplaced.Add(new ExcelProblem(OrganisationWorkbook.UnitsSheet, 0, null, null, $"系统中的单位“{p.Code}”:{p.Message}"));
                        }

                        break;
                    case OrganisationKind.Track:
                        var tr = tracks.Rows.FirstOrDefault(r => string.Equals(r.Code, p.Code, StringComparison.OrdinalIgnoreCase));
                        if (tr is not null)
                        {
                            tracks.Fail(tr.Row, Key(p.Field), p.Message);
                        }
                        else
                        {
                            shape.Unplaced.Add(new ExcelProblem(OrganisationWorkbook.TracksSheet, 0, null, null, $"系统中的专项“{p.Code}”:{p.Message}"));
                        }

                        break;
                }
            }

            units.Rows.RemoveAll(r => units.Problems.ContainsKey(r.Row));
            people.Rows.RemoveAll(r => people.Problems.ContainsKey(r.Row));
            tracks.Rows.RemoveAll(r => tracks.Problems.ContainsKey(r.Row));
            lists.Rows.RemoveAll(r => lists.Problems.ContainsKey(r.Row));
            var rejectedAfter = units.Problems.Count + people.Problems.Count + tracks.Problems.Count;
            if (!options.KeepValid || rejectedAfter == rejectedBefore || shape.Unplaced.Count > 0)
            {
                break;
            }
        }

        var problems = Ordered(units.Problems).Concat(Ordered(people.Problems)).Concat(Ordered(tracks.Problems)).Concat(Ordered(lists.Problems)).Concat(shape.Unplaced).ToList();
        var rejected = units.Problems.Count + people.Problems.Count + tracks.Problems.Count + lists.Problems.Count;
        // A problem with no row (the database's own records would break) cannot be kept out by dropping rows.
        var apply = options.Mode == ImportMode.Commit && (problems.Count == 0 || (options.KeepValid && shape.Unplaced.Count == 0));

        var counts = new Counts();
        var touched = ApplyUnits(db, units.Rows, dbUnits);
        var unitByCode = dbUnits.Concat(db.ChangeTracker.Entries<Unit>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
            .GroupBy(u => u.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var r in units.Rows)
        {
            var u = unitByCode[r.Code];
            Unit? parent = null;
            if (r.ParentText is { } pt && !(shape.UnitCodeOf.TryGetValue(pt, out var pc) && unitByCode.TryGetValue(pc, out parent)))
            {
                continue; // only when nothing is saved: the parent's own row has a problem
            }

            if (u.ParentId != parent?.Id || (parent is not null && parent.Id == 0))
            {
                u.Parent = parent;
                u.ParentId = parent?.Id;
            }
        }

        foreach (var (code, path) in OrganisationRules.Paths(shape.Units))
        {
            if (unitByCode.TryGetValue(code, out var u) && u.Path != path)
            {
                u.Path = path;
            }
        }

        foreach (var (unit, created) in touched)
        {
            Count(db, unit, created, counts);
        }

        ApplyPeople(db, people.Rows, dbPeople, unitByCode, shape, counts);
        ApplyTracks(db, tracks.Rows, dbTracks, unitByCode, shape, year, counts);
        ApplyLists(db, lists.Rows, dbLists, year, counts);

        var rowCount = new[] { units.Sheet, people.Sheet, tracks.Sheet, lists.Sheet }.Sum(s => s?.RowCount ?? 0);
        var skipped = new[] { units.Sheet, people.Sheet, tracks.Sheet, lists.Sheet }.Sum(s => s?.Skipped ?? 0);
        var summary = new ImportSummary(rowCount, counts.Created, counts.Updated, counts.Unchanged, rejected, skipped);
        if (!apply)
        {
            db.ChangeTracker.Clear();
            return new ImportResult(false, summary, problems, null);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added))
        {
            db.ChangeTracker.Clear();
            return new ImportResult(false, summary, [.. problems, new ExcelProblem(OrganisationWorkbook.UnitsSheet, 0, null, null, ImportSteps.ConflictMessage)], null);
        }

        db.ChangeTracker.Clear();
        byte[]? rejectedWorkbook = null;
        if (rejected > 0)
        {
            var sheets = new Dictionary<string, object>();
            AddRejected(sheets, units.Sheet, units.Problems);
            AddRejected(sheets, people.Sheet, people.Problems);
            AddRejected(sheets, tracks.Sheet, tracks.Problems);
            AddRejected(sheets, lists.Sheet, lists.Problems);
            using var stream = new MemoryStream();
            stream.SaveAs(sheets);
            rejectedWorkbook = ExcelLayout.Apply(stream.ToArray());
        }

        return new ImportResult(true, summary, problems, rejectedWorkbook);
    }

    private static ImportResult Refused(params ExcelProblem[] problems) => new(false, new ImportSummary(0, 0, 0, 0, 0, 0), problems, null);

    private static IEnumerable<ExcelProblem> Ordered(Dictionary<int, List<ExcelProblem>> rows) => rows.OrderBy(r => r.Key).SelectMany(r => r.Value);

    private static void AddRejected(Dictionary<string, object> sheets, SheetReader? sheet, Dictionary<int, List<ExcelProblem>> rows)
    {
        if (sheet is not null && rows.Count > 0)
        {
            sheets[sheet.Sheet] = RejectedRows.Rows(sheet, rows);
        }
    }

    private static string Key(OrganisationField field) => field switch
    {
        OrganisationField.Code => "code",
        OrganisationField.Parent => "parent",
        OrganisationField.Type => "type",
        OrganisationField.Status => "status",
        OrganisationField.Command => "command",
        _ => "code",
    };

    private static SheetReader? Open(MemoryStream buffer, List<string> names, string sheet, IReadOnlyList<ColumnSpec> columns)
    {
        if (!names.Contains(sheet))
        {
            return null;
        }

        buffer.Position = 0;
        return SheetReader.Read(buffer, columns, sheet);
    }

    private static bool Status<T>(RowReader x, Part<T> part)
    {
        var text = x.Text("status");
        if (text is null || text == OrganisationWorkbook.Active || text == "启用" || text == "正常")
        {
            return false;
        }

        if (text == OrganisationWorkbook.Inactive || text == "撤销" || text == "已停用")
        {
            return true;
        }

        part.Fail(x.Number, "status", $"状态应为“在用”或“停用”,收到“{text}”");
        return false;
    }

    private static int? Order<T>(RowReader x, Part<T> part)
    {
        var text = x.Text("order");
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 100_000)
        {
            return n;
        }

        part.Fail(x.Number, "order", $"排序应为 0–100000 的整数,收到“{text}”");
        return null;
    }

    private static string? Colour<T>(RowReader x, Part<T> part)
    {
        var text = x.Text("colour");
        if (text is null)
        {
            return null;
        }

        var hex = text.StartsWith('#') ? text : "#" + text;
        if (OrganisationWorkbook.IsColour(hex))
        {
            return hex.ToUpperInvariant();
        }

        part.Fail(x.Number, "colour", $"颜色应写作 #RRGGBB(如 #1F77B4),收到“{text}”");
        return null;
    }

    /// <summary>Reads a sheet's rows; a row with problems is kept out of <see cref="Part{T}.Rows"/>.</summary>
    private static Part<T> Read<T>(SheetReader? sheet, Func<RowReader, Part<T>, T?> parse)
        where T : class
    {
        var part = new Part<T>(sheet);
        if (sheet is null || sheet.Problems.Count > 0)
        {
            return part;
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sheet.ReadRows())
        {
            var mine = new List<ExcelProblem>();
            var x = sheet.Row(source, mine);
            var row = parse(x, part);
            if (mine.Count > 0)
            {
                if (!part.Problems.TryGetValue(source.Number, out var list))
                {
                    part.Problems[source.Number] = list = [];
                }

                list.AddRange(mine);
            }

            if (x.Text("code") is { } code)
            {
                if (seen.TryGetValue(code, out var first))
                {
                    part.Fail(source.Number, "code", $"代码“{code}”与第{first}行重复");
                }
                else
                {
                    seen[code] = source.Number;
                }
            }

            if (row is not null && !part.Problems.ContainsKey(source.Number))
            {
                part.Rows.Add(row);
            }
        }

        return part;
    }

    private static Part<UnitRow> ReadUnits(SheetReader? sheet) => Read<UnitRow>(sheet, (x, part) =>
    {
        var code = Required(x, part, "code", 64, "单位代码不能为空");
        var name = Required(x, part, "name", 200, "单位名称不能为空");
        var typeText = Required(x, part, "type", 0, "单位类型不能为空(部门、街镇、业主单位、指挥部)");
        UnitType type = 0;
        if (typeText is not null && !OrganisationWorkbook.TryType(typeText, out type))
        {
            part.Fail(x.Number, "type", $"未知的单位类型“{typeText}”,应为 部门、街镇、业主单位、指挥部 之一");
        }

        var parent = x.Text("parent", 200);
        var contact = x.Text("contact", 100);
        var phone = x.Text("phone", 50);
        var order = Order(x, part);
        var off = Status(x, part);
        return code is null || name is null || type == 0 ? null : new UnitRow(x.Number, code, name, type, parent, contact, phone, order, off);
    });

    private static Part<PersonRow> ReadPeople(SheetReader? sheet) => Read<PersonRow>(sheet, (x, part) =>
    {
        var code = Required(x, part, "code", 64, "人员编码不能为空");
        var name = Required(x, part, "name", 100, "姓名不能为空");
        var roleText = Required(x, part, "role", 0, "角色不能为空(责任领导、服务专员)");
        PersonRole role = 0;
        if (roleText is not null && !OrganisationWorkbook.TryRole(roleText, out role))
        {
            part.Fail(x.Number, "role", $"未知的角色“{roleText}”,应为 责任领导 或 服务专员");
        }

        var title = x.Text("title", 200);
        var unit = x.Text("unit", 200);
        var phone = x.Text("phone", 50);
        var off = Status(x, part);
        return code is null || name is null || role == 0 ? null : new PersonRow(x.Number, code, name, role, title, unit, phone, off);
    });

    private static Part<TrackRow> ReadTracks(SheetReader? sheet) => Read<TrackRow>(sheet, (x, part) =>
    {
        var code = Required(x, part, "code", 64, "专项代码不能为空");
        var name = Required(x, part, "name", 200, "专项名称不能为空");
        var command = x.Text("command", 200);
        var order = Order(x, part);
        var colour = Colour(x, part);
        var off = Status(x, part);
        return code is null || name is null ? null : new TrackRow(x.Number, code, name, command, order, colour, off);
    });

    private static Part<ListRow> ReadLists(SheetReader? sheet) => Read<ListRow>(sheet, (x, part) =>
    {
        var code = Required(x, part, "code", 64, "清单代码不能为空");
        var name = Required(x, part, "name", 200, "清单名称不能为空");
        var order = Order(x, part);
        var colour = Colour(x, part);
        var off = Status(x, part);
        return code is null || name is null ? null : new ListRow(x.Number, code, name, order, colour, off);
    });

    private static string? Required<T>(RowReader x, Part<T> part, string key, int max, string whenBlank)
    {
        var text = x.Text(key, max);
        if (text is null)
        {
            part.Fail(x.Number, key, whenBlank);
        }

        return text;
    }

    private sealed class Shape
    {
        public List<UnitNode> Units { get; } = [];

        /// <summary>What a parent/command/unit cell said → the unit code it names.</summary>
        public Dictionary<string, string> UnitCodeOf { get; } = new(StringComparer.Ordinal);

        public List<OrganisationProblem> Problems { get; } = [];

        public List<ExcelProblem> Unplaced { get; } = [];
    }

    /// <summary>
    /// The units and tracks as the workbook would leave them (database overlaid by the valid rows), the cells that
    /// name a unit resolved to codes (a code, or a name only one unit has), and the shape check's problems.
    /// </summary>
    private static Shape CheckShape(Part<UnitRow> units, Part<PersonRow> people, Part<TrackRow> tracks, List<Unit> dbUnits, List<Person> dbPeople, List<Track> dbTracks,
        HashSet<string> openUnitCodes, HashSet<int> openPersonIds)
    {
        var shape = new Shape();
        var parentCodeById = dbUnits.ToDictionary(u => u.Id, u => u.ParentId is { } p ? dbUnits.First(x => x.Id == p).Code : null);
        var merged = new Dictionary<string, (string Name, UnitType Type, string? ParentText, bool Off, int Row, bool FromSheet)>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in dbUnits)
        {
            merged[u.Code] = (u.Name, u.Type, parentCodeById[u.Id], u.Deactivated, 0, false);
        }

        foreach (var r in units.Rows)
        {
            merged[r.Code] = (r.Name, r.Type, r.ParentText, r.Deactivated, r.Row, true);
        }

        var codesByName = merged.GroupBy(kv => SheetReader.Normalise(kv.Value.Name), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList(), StringComparer.Ordinal);
        string? Resolve(string text, out string? why)
        {
            why = null;
            if (merged.ContainsKey(text.Trim()))
            {
                return merged.Keys.First(k => string.Equals(k, text.Trim(), StringComparison.OrdinalIgnoreCase));
            }

            if (codesByName.TryGetValue(SheetReader.Normalise(text), out var codes))
            {
                if (codes.Count == 1)
                {
                    return codes[0];
                }

                why = $"“{text}”有{codes.Count}个同名单位,请改填单位代码:{string.Join("、", codes)}";
            }

            return null;
        }

        foreach (var (code, u) in merged)
        {
            string? parentCode = null;
            if (u.ParentText is { } pt)
            {
                if (u.FromSheet)
                {
                    parentCode = Resolve(pt, out var why);
                    if (parentCode is null)
                    {
                        // Unknown parents are the rule's message; an ambiguous name is ours.
                        if (why is not null)
                        {
                            units.Fail(u.Row, "parent", why);
                            continue;
                        }

                        parentCode = pt;
                    }
                    else
                    {
                        shape.UnitCodeOf[pt] = parentCode;
                    }
                }
                else
                {
                    parentCode = pt;
                }
            }

            shape.Units.Add(new UnitNode(u.Row, code, u.Name, u.Type, parentCode, u.Off));
        }

        var mergedTracks = dbTracks.ToDictionary(t => t.Code, t => new TrackNode(0, t.Code, t.Name, t.CommandId is { } c ? dbUnits.First(x => x.Id == c).Code : null, t.Deactivated), StringComparer.OrdinalIgnoreCase);
        foreach (var r in tracks.Rows)
        {
            string? commandCode = null;
            if (r.CommandText is { } ct)
            {
                commandCode = Resolve(ct, out var why);
                if (commandCode is null && why is not null)
                {
                    tracks.Fail(r.Row, "command", why);
                    continue;
                }

                commandCode ??= ct;
                shape.UnitCodeOf[ct] = commandCode;
            }

            mergedTracks[r.Code] = new TrackNode(r.Row, r.Code, r.Name, commandCode, r.Deactivated);
        }

        var openCodes = openUnitCodes;
        shape.Problems.AddRange(OrganisationRules.Check(shape.Units, mergedTracks.Values.ToList(), openCodes));

        // People: their unit must exist, and someone still serving an open project cannot be deactivated.
        var dbPersonByCode = dbPeople.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var r in people.Rows)
        {
            if (r.UnitText is { } ut)
            {
                var code = Resolve(ut, out var why);
                if (code is null)
                {
                    people.Fail(r.Row, "unit", why ?? $"所在单位“{ut}”不存在");
                }
                else
                {
                    shape.UnitCodeOf[ut] = code;
                }
            }

            if (r.Deactivated && dbPersonByCode.TryGetValue(r.Code, out var existing) && !existing.Deactivated && openPersonIds.Contains(existing.Id))
            {
                people.Fail(r.Row, "status", $"“{r.Name}”仍是在建项目的{OrganisationWorkbook.RoleName(existing.Role)},不能停用:请先在项目中改派他人");
            }
        }

        return shape;
    }

    private sealed class Counts
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }
    }

    private static void Count(AppDbContext db, object entity, bool created, Counts counts)
    {
        if (created)
        {
            counts.Created++;
        }
        else if (db.Entry(entity).State == EntityState.Modified)
        {
            counts.Updated++;
        }
        else
        {
            counts.Unchanged++;
        }
    }

    private static List<(Unit Unit, bool Created)> ApplyUnits(AppDbContext db, List<UnitRow> rows, List<Unit> existing)
    {
        var touched = new List<(Unit, bool)>();
        var byCode = existing.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            var created = !byCode.TryGetValue(r.Code, out var u);
            if (created)
            {
                u = new Unit { Code = r.Code, Name = r.Name, Path = "/" + r.Code + "/" };
                db.Units.Add(u);
            }

            OrganisationEdits.Rename(u!, r.Name);
            u!.Type = r.Type;
            u.ContactName = r.Contact;
            u.ContactPhone = r.Phone;
            u.SortOrder = r.Order ?? u.SortOrder;
            u.Deactivated = r.Deactivated;
            touched.Add((u, created));
        }

        return touched;
    }

    private static void ApplyPeople(AppDbContext db, List<PersonRow> rows, List<Person> existing, Dictionary<string, Unit> units, Shape shape, Counts counts)
    {
        var byCode = existing.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            var created = !byCode.TryGetValue(r.Code, out var p);
            if (created)
            {
                p = new Person { Code = r.Code, Name = r.Name };
                db.People.Add(p);
            }

            p!.Name = r.Name;
            p.Role = r.Role;
            p.Title = r.Title;
            p.Phone = r.Phone;
            p.Deactivated = r.Deactivated;
            Unit? unit = null;
            if (r.UnitText is { } ut && !(shape.UnitCodeOf.TryGetValue(ut, out var uc) && units.TryGetValue(uc, out unit)))
            {
                continue; // only when nothing is saved: the unit's own row has a problem
            }

            if (unit?.Id != p.UnitId || (unit is not null && unit.Id == 0))
            {
                p.Unit = unit;
                p.UnitId = unit?.Id;
            }

            Count(db, p, created, counts);
        }
    }

    private static void ApplyTracks(AppDbContext db, List<TrackRow> rows, List<Track> existing, Dictionary<string, Unit> units, Shape shape, int year, Counts counts)
    {
        var byCode = existing.ToDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            var created = !byCode.TryGetValue(r.Code, out var t);
            if (created)
            {
                t = new Track { Year = year, Code = r.Code, Name = r.Name };
                db.Tracks.Add(t);
            }

            t!.Name = r.Name;
            t.SortOrder = r.Order ?? t.SortOrder;
            t.Colour = r.Colour;
            t.Deactivated = r.Deactivated;
            Unit? command = null;
            if (r.CommandText is { } ct && !(shape.UnitCodeOf.TryGetValue(ct, out var cc) && units.TryGetValue(cc, out command)))
            {
                continue; // only when nothing is saved: the command's own row has a problem
            }

            if (command?.Id != t.CommandId || (command is not null && command.Id == 0))
            {
                t.Command = command;
                t.CommandId = command?.Id;
            }

            Count(db, t, created, counts);
        }
    }

    private static void ApplyLists(AppDbContext db, List<ListRow> rows, List<ProjectList> existing, int year, Counts counts)
    {
        var byCode = existing.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            var created = !byCode.TryGetValue(r.Code, out var l);
            if (created)
            {
                l = new ProjectList { Year = year, Code = r.Code, Name = r.Name };
                db.ProjectLists.Add(l);
            }

            l!.Name = r.Name;
            l.SortOrder = r.Order ?? l.SortOrder;
            l.Colour = r.Colour;
            l.Deactivated = r.Deactivated;
            Count(db, l, created, counts);
        }
    }
}

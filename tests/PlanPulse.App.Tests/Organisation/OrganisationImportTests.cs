using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Organisation;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Organisation;

public sealed class OrganisationImportTests
{
    private const int Year = 2023;

    private static readonly ImportOptions Commit = new(ImportMode.Commit);

    private static string[] UnitHeader => OrganisationWorkbook.UnitColumns.Select(c => c.Label).ToArray();

    private static string[] TrackHeader => OrganisationWorkbook.TrackColumns.Select(c => c.Label).ToArray();

    private static string[] PeopleHeader => OrganisationWorkbook.PeopleColumns.Select(c => c.Label).ToArray();

    /// <summary>A workbook of the given sheets; each sheet is a header and rows, Excel row 1 being the header.</summary>
    private static MemoryStream Workbook(params (string Sheet, string[] Header, object?[][] Rows)[] sheets)
    {
        var stream = new MemoryStream();
        var data = sheets.ToDictionary(
            s => s.Sheet,
            s => (object)s.Rows.Select(r => s.Header.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList());
        stream.SaveAs(data);
        stream.Position = 0;
        return stream;
    }

    private static async Task<string> SnapshotAsync(AppDbContext db) =>
        string.Join("\n", (await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync()).Select(u => $"{u.Code}|{u.Name}|{u.Type}|{u.Path}|{u.ContactName}|{u.Deactivated}|{u.Version}"))
        + "\n" + string.Join("\n", (await db.People.AsNoTracking().OrderBy(p => p.Code).ToListAsync()).Select(p => $"{p.Code}|{p.Name}|{p.Role}|{p.UnitId}|{p.Version}"))
        + "\n" + string.Join("\n", (await db.Tracks.AsNoTracking().OrderBy(t => t.Code).ToListAsync()).Select(t => $"{t.Year}|{t.Code}|{t.CommandId}|{t.Colour}|{t.Version}"))
        + "\n" + string.Join("\n", (await db.ProjectLists.AsNoTracking().OrderBy(l => l.Code).ToListAsync()).Select(l => $"{l.Year}|{l.Code}|{l.Name}|{l.Version}"));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_exported_workbook_imports_back_unchanged_and_rebuilds_an_empty_database(string provider)
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = demo.NewContext();
        var before = await SnapshotAsync(db);
        var file = await OrganisationWorkbook.ExportAsync(db, Year);

        var again = await OrganisationImport.RunAsync(db, new MemoryStream(file), Commit, Year);
        Assert.Empty(again.Problems);
        Assert.Equal(0, again.Summary.Created);
        Assert.Equal(0, again.Summary.Updated);
        Assert.True(again.Summary.Unchanged > 100, $"unchanged {again.Summary.Unchanged}");
        Assert.Equal(before, await SnapshotAsync(db));

        await using var empty = await TestDatabase.CreateAsync(provider);
        await using var fresh = empty.NewContext();
        var result = await OrganisationImport.RunAsync(fresh, new MemoryStream(file), Commit, Year);
        Assert.Empty(result.Problems);
        Assert.True(result.Saved);
        string Shape(IEnumerable<Unit> units) => string.Join(";", units.OrderBy(u => u.Code).Select(u => $"{u.Code}:{u.Name}:{u.Type}:{u.Path}:{u.Parent?.Code}"));
        Assert.Equal(Shape(await db.Units.Include(u => u.Parent).AsNoTracking().ToListAsync()), Shape(await fresh.Units.Include(u => u.Parent).AsNoTracking().ToListAsync()));
        Assert.Equal(await db.People.CountAsync(), await fresh.People.CountAsync());
        var tracks = await fresh.Tracks.Include(t => t.Command).Where(t => t.Year == Year).OrderBy(t => t.SortOrder).Select(t => t.Command!.Code).ToListAsync();
        Assert.Equal(["GC-NM", "GC-SW", "GC-LS"], tracks);
        Assert.Equal(5, await fresh.ProjectLists.CountAsync(l => l.Year == Year));

        // The re-created database exports the same workbook, cell for cell — but for who serves which project, which
        // comes with the projects (the re-created database has none yet).
        Assert.Equal(Cells(file), Cells(await OrganisationWorkbook.ExportAsync(fresh, Year)));
    }

    private static string Cells(byte[] xlsx)
    {
        using var s = new MemoryStream(xlsx);
        return string.Join("\n", s.GetSheetNames().SelectMany(name =>
        {
            s.Position = 0;
            return s.Query(useHeaderRow: false, sheetName: name)
                .Select(r => ((IDictionary<string, object?>)r).Values.ToList())
                .Select(v => name + ":" + string.Join("|", name == OrganisationWorkbook.PeopleSheet ? v.Take(OrganisationWorkbook.PeopleColumns.Count - 1) : v))
                .ToList();
        }));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Every_broken_shape_is_named_on_its_row_and_column_and_nothing_is_saved(string provider)
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = demo.NewContext();
        var before = await SnapshotAsync(db);
        using var file = Workbook(
            (OrganisationWorkbook.UnitsSheet, UnitHeader,
            [
                ["X1", "新部门甲", "部门", null],                       // 2 fine on its own
                ["X1", "新部门甲(重复)", "部门", null],                 // 3 duplicate code
                ["X2", "新部门乙", "部门", "NOPE"],                      // 4 unknown parent
                ["X3", "新部门丙", "部门", "X4"],                        // 5 circular
                ["X4", "新部门丁", "部门", "X3"],                        // 6 circular
                ["GC-NEW", "新专项指挥部", "专项指挥部", "GC"],          // 7 a track command with no track
                ["D-DRC", "区发展改革委", "部门", null, null, null, null, "停用"], // 8 still answers for open projects
                ["X5", "新部门戊", "科室", null],                        // 9 unknown type
            ]),
            (OrganisationWorkbook.TracksSheet, TrackHeader,
            [
                ["new-materials", "具有全球影响力的新材料高地", "GC-NM", 1, "red"], // 2 bad colour
                ["x-track", "新专项", "D-DRC", 4],                                  // 3 a department cannot dispatch
            ]),
            (OrganisationWorkbook.PeopleSheet, PeopleHeader,
            [
                ["P-NEW", "新人", "服务专员", null, "没有这个单位"],    // 2 unknown unit
                ["C001", "某某", "服务专员", null, null, null, "停用"], // 3 serves an open project
                ["P-NEW2", "新人二", "处长"],                           // 4 unknown role
            ]));

        var result = await OrganisationImport.RunAsync(db, file, Commit, Year);
        Assert.False(result.Saved);
        string Show(ExcelProblem p) => $"{p.Sheet}!{p.Row}{p.ColumnLetter}:{p.Message}";
        var shown = result.Problems.Select(Show).ToList();
        string[] expected =
        [
            "单位!3A:代码“X1”与第2行重复",
            "单位!4D:上级单位“NOPE”不存在",
            "单位!5D:上级单位形成循环:X3 → X4 → X3",
            "单位!6D:上级单位形成循环:X4 → X3 → X4",
            "单位!7C:专项指挥部“新专项指挥部”没有调度任何专项:请在“专项”表中指定它调度的专项,或将其停用",
            "单位!8H:“区发展改革委”仍有在建项目,不能停用:请先把这些项目移交其他单位",
            "单位!9C:未知的单位类型“科室”,应为 部门、街镇、业主单位、指挥部 之一",
            "专项!2E:颜色应写作 #RRGGBB(如 #1F77B4),收到“red”",
            "专项!3C:“区发展改革委”是部门,不是指挥部",
            "人员!2E:所在单位“没有这个单位”不存在",
            "人员!4C:未知的角色“处长”,应为 责任领导 或 服务专员",
        ];
        foreach (var e in expected)
        {
            Assert.Contains(e, shown);
        }

        Assert.Contains(shown, s => s.StartsWith("人员!3G:", StringComparison.Ordinal) && s.Contains("不能停用", StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync(db));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Keep_valid_saves_the_sound_rows_and_hands_back_the_rest_with_reasons(string provider)
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = demo.NewContext();
        using var file = Workbook(
            (OrganisationWorkbook.UnitsSheet, UnitHeader,
            [
                ["X1", "新部门甲", "部门", null, "张三", "023-40000000"],
                ["X1-1", "新部门甲下属科", "部门", "新部门甲"],            // parent by name
                ["X2", "新部门乙", "部门", "NOPE"],
                ["X2-1", "新部门乙下属科", "部门", "X2"],                   // its parent is rejected: so is it
            ]));

        var result = await OrganisationImport.RunAsync(db, file, Commit with { KeepValid = true }, Year);
        Assert.True(result.Saved);
        Assert.Equal(2, result.Summary.Created);
        Assert.Equal(2, result.Summary.Rejected);
        var child = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "X1-1");
        Assert.Equal("/X1/X1-1/", child.Path);
        Assert.Equal("张三", (await db.Units.AsNoTracking().SingleAsync(u => u.Code == "X1")).ContactName);
        Assert.False(await db.Units.AnyAsync(u => u.Code == "X2" || u.Code == "X2-1"));

        using var back = new MemoryStream(result.RejectedWorkbook!);
        var rows = back.Query(useHeaderRow: true, sheetName: OrganisationWorkbook.UnitsSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["X2", "X2-1"], rows.Select(r => r["单位代码"]?.ToString()));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r[RejectedRows.ReasonHeader]?.ToString())));
    }

    [Fact]
    public async Task A_rename_keeps_the_old_name_and_a_move_rewrites_the_scope_path_of_the_unit_and_everything_below()
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = demo.NewContext();
        using var file = Workbook(
            (OrganisationWorkbook.UnitsSheet, UnitHeader,
            [
                ["D-DRC", "区发展和改革委员会", "部门", null],
                ["GC-NM", "新材料专项指挥部", "专项指挥部", "D-DRC"],
            ]));

        var result = await OrganisationImport.RunAsync(db, file, Commit, Year);
        Assert.Empty(result.Problems);
        var drc = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "D-DRC");
        Assert.Equal("区发展和改革委员会", drc.Name);
        Assert.Equal("区发展改革委", drc.FormerNames);
        var nm = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "GC-NM");
        Assert.Equal("/D-DRC/GC-NM/", nm.Path);
        Assert.Equal("新材料高地专项指挥部", nm.FormerNames);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "Unit" && a.Changes.Contains("FormerNames")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_or_has_none_of_the_sheets_is_refused_with_a_reason()
    {
        await using var empty = await TestDatabase.CreateAsync(Databases.Sqlite);
        await using var db = empty.NewContext();
        var junk = await OrganisationImport.RunAsync(db, new MemoryStream("not a workbook"u8.ToArray()), Commit, Year);
        Assert.Contains("无法读取文件", Assert.Single(junk.Problems).Message, StringComparison.Ordinal);

        using var other = Workbook(("Sheet1", ["a"], [["b"]]));
        var none = await OrganisationImport.RunAsync(db, other, Commit, Year);
        Assert.Contains("没有“单位”“人员”“专项”“清单”", Assert.Single(none.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Units.CountAsync());
    }
}

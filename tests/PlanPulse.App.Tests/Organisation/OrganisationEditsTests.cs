using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Organisation;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Organisation;

public sealed class OrganisationEditsTests
{
    private const int Year = 2023;

    private static async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(Func<Task> save)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(save);
        return ex.Errors;
    }

    private static UnitInput Unit(string? code, string? name, UnitType type = UnitType.Department, string? parent = null, bool off = false, IReadOnlyList<int>? tracks = null, int version = 0) =>
        new(code, name, type, parent, null, null, 0, off, version, tracks, Year);

    public static TheoryData<string, UnitInput, string, string> BadUnits => new()
    {
        { "no code", Unit(null, "甲"), "code", "单位代码不能为空" },
        { "no name", Unit("X1", " "), "name", "单位名称不能为空" },
        { "code taken", Unit("d-drc", "甲"), "code", "单位代码“d-drc”已被使用" },
        { "unknown parent", Unit("X1", "甲", parent: "NOPE"), "parentCode", "上级单位“NOPE”不存在" },
        { "its own parent", Unit("X1", "甲", parent: "X1"), "parentCode", "上级单位形成循环:X1 → X1" },
        { "track command without tracks", Unit("GC-X", "新专项指挥部", UnitType.Command, "GC"), "tracks", "专项指挥部“新专项指挥部”没有调度任何专项:请在“专项”表中指定它调度的专项,或将其停用" },
        { "control character", Unit("X1", "甲\u0007"), "name", "单位名称含有控制字符" },
    };

    [Theory]
    [MemberData(nameof(BadUnits))]
    public async Task A_bad_new_unit_names_its_field_and_saves_nothing(string why, UnitInput input, string field, string message)
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = demo.NewContext();
        var before = await db.Units.CountAsync();
        var errors = await RefusedAsync(() => OrganisationEdits.SaveUnitAsync(db, null, input));
        Assert.True(errors.TryGetValue(field, out var messages) && messages.Contains(message), $"{why}: {string.Join(" | ", errors.Select(e => e.Key + "=" + string.Join(",", e.Value)))}");
        await using var check = demo.NewContext();
        Assert.Equal(before, await check.Units.CountAsync());
    }

    [Fact]
    public async Task A_track_command_created_with_its_track_takes_it_from_its_old_command_only_if_that_one_keeps_another()
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = demo.NewContext();
        var nm = await db.Tracks.SingleAsync(t => t.Year == Year && t.Code == "new-materials");

        // GC-NM dispatches only this track: taking it would leave GC-NM with none.
        var errors = await RefusedAsync(() => OrganisationEdits.SaveUnitAsync(db, null, Unit("GC-X", "新专项指挥部", UnitType.Command, "GC", tracks: [nm.Id])));
        Assert.Contains(errors["tracks"], m => m.Contains("新材料高地专项指挥部", StringComparison.Ordinal));

        var extra = await OrganisationEdits.SaveTrackAsync(db, null, new TrackInput(Year, "extra", "新增专项", "GC-NM", 4, "#1f77b4", false));
        Assert.Equal("#1F77B4", extra.Colour);
        var created = await OrganisationEdits.SaveUnitAsync(db, null, Unit("GC-X", "新专项指挥部", UnitType.Command, "GC", tracks: [extra.Id]));
        Assert.Equal("/GC/GC-X/", created.Path);
        await using var check = demo.NewContext();
        Assert.Equal(created.Id, (await check.Tracks.SingleAsync(t => t.Id == extra.Id)).CommandId);
    }

    [Fact]
    public async Task Edits_keep_codes_refuse_stale_versions_and_deactivation_of_what_open_projects_need()
    {
        await using var demo = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = demo.NewContext();
        var drc = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "D-DRC");

        var renamed = await OrganisationEdits.SaveUnitAsync(db, drc.Id, Unit("D-DRC", "区发展和改革委员会", version: drc.Version));
        Assert.Equal("区发展改革委", renamed.FormerNames);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => OrganisationEdits.SaveUnitAsync(db, drc.Id, Unit("D-DRC", "又一个名字", version: drc.Version)));

        db.ChangeTracker.Clear();
        var current = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "D-DRC");
        var code = await RefusedAsync(() => OrganisationEdits.SaveUnitAsync(db, current.Id, Unit("D-NEW", "区发展和改革委员会", version: current.Version)));
        Assert.Contains("不能修改", code["code"][0], StringComparison.Ordinal);

        var off = await RefusedAsync(() => OrganisationEdits.SaveUnitAsync(db, current.Id, Unit("D-DRC", "区发展和改革委员会", off: true, version: current.Version)));
        Assert.Equal("“区发展和改革委员会”仍有在建项目,不能停用:请先把这些项目移交其他单位", Assert.Single(off["deactivated"]));

        var commissioner = await db.People.AsNoTracking().SingleAsync(p => p.Code == "C001");
        var person = await RefusedAsync(() => OrganisationEdits.SavePersonAsync(db, commissioner.Id,
            new PersonInput("C001", commissioner.Name, PersonRole.ServiceCommissioner, null, null, null, true, commissioner.Version)));
        Assert.Contains("不能停用", Assert.Single(person["deactivated"]), StringComparison.Ordinal);

        var track = await db.Tracks.AsNoTracking().SingleAsync(t => t.Year == Year && t.Code == "life-science");
        var trackOff = await RefusedAsync(() => OrganisationEdits.SaveTrackAsync(db, track.Id, new TrackInput(Year, track.Code, track.Name, "GC-LS", 3, "blue", true, track.Version)));
        Assert.Equal("颜色应写作 #RRGGBB(如 #1F77B4),收到“blue”", Assert.Single(trackOff["colour"]));
        var inTrack = await db.Projects.CountAsync(p => p.TrackId == track.Id && p.Status == ProjectStatus.Open);
        Assert.True(inTrack >= 80, $"{inTrack} projects in the track: the 80 annual ones and more");
        Assert.Equal($"该专项仍有{inTrack}个在建项目,不能停用:请先把项目移到其他专项", Assert.Single(trackOff["deactivated"]));

        var byDepartment = await RefusedAsync(() => OrganisationEdits.SaveTrackAsync(db, null, new TrackInput(Year, "t-x", "专项X", "D-DRC", 9, null, false)));
        Assert.Equal("“区发展和改革委员会”是部门,不是指挥部", Assert.Single(byDepartment["commandCode"]));

        var list = await RefusedAsync(() => OrganisationEdits.SaveListAsync(db, null, new ListInput(Year, "annual-major", "重复清单", 9, null, false)));
        Assert.Equal("2023年已有清单代码“annual-major”", Assert.Single(list["code"]));
    }
}

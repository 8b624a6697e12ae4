using PlanPulse.Domain.Organisation;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Domain.Tests.Organisation;

public sealed class OrganisationRulesTests
{
    // A small district: general command GC with two track commands, a department and a town under nobody.
    private static readonly UnitNode[] District =
    [
        new(2, "GC", "总指挥部", UnitType.Command, null, false),
        new(3, "GC-A", "甲专项指挥部", UnitType.Command, "GC", false),
        new(4, "GC-B", "乙专项指挥部", UnitType.Command, "GC", false),
        new(5, "D1", "区发展改革委", UnitType.Department, null, false),
        new(6, "T1", "凤城街道", UnitType.Town, null, false),
    ];

    private static readonly TrackNode[] Tracks =
    [
        new(2, "a", "甲专项", "GC-A", false),
        new(3, "b", "乙专项", "GC-B", false),
    ];

    private static IReadOnlyList<OrganisationProblem> Check(IEnumerable<UnitNode>? units = null, IEnumerable<TrackNode>? tracks = null, params string[] open) =>
        OrganisationRules.Check((units ?? District).ToList(), (tracks ?? Tracks).ToList(), open.ToHashSet(StringComparer.Ordinal));

    private static UnitNode[] With(params UnitNode[] changed) =>
        District.Where(u => changed.All(c => c.Code != u.Code)).Concat(changed).ToArray();

    [Fact]
    public void A_sound_district_has_no_problem() => Assert.Empty(Check(open: ["D1", "T1"]));

    [Fact]
    public void Nothing_at_all_is_sound() => Assert.Empty(OrganisationRules.Check([], [], new HashSet<string>()));

    public static TheoryData<string, UnitNode[], TrackNode[], string[], OrganisationKind, string, OrganisationField, string> Broken => new()
    {
        {
            "duplicate unit code",
            [.. District, new(7, "d1", "另一个部门", UnitType.Department, null, false)], Tracks, [],
            OrganisationKind.Unit, "d1", OrganisationField.Code, "单位代码“d1”重复"
        },
        {
            "unknown parent",
            With(new UnitNode(6, "T1", "凤城街道", UnitType.Town, "NOPE", false)), Tracks, [],
            OrganisationKind.Unit, "T1", OrganisationField.Parent, "上级单位“NOPE”不存在"
        },
        {
            "a unit its own parent",
            With(new UnitNode(5, "D1", "区发展改革委", UnitType.Department, "D1", false)), Tracks, [],
            OrganisationKind.Unit, "D1", OrganisationField.Parent, "上级单位形成循环:D1 → D1"
        },
        {
            "two units each other's parent",
            With(new UnitNode(5, "D1", "区发展改革委", UnitType.Department, "T1", false), new UnitNode(6, "T1", "凤城街道", UnitType.Town, "D1", false)), Tracks, [],
            OrganisationKind.Unit, "D1", OrganisationField.Parent, "上级单位形成循环:D1 → T1 → D1"
        },
        {
            "track command without a track",
            District, [Tracks[0]], [],
            OrganisationKind.Unit, "GC-B", OrganisationField.Type, "专项指挥部“乙专项指挥部”没有调度任何专项:请在“专项”表中指定它调度的专项,或将其停用"
        },
        {
            "track command whose only track is deactivated",
            District, [Tracks[0], Tracks[1] with { Deactivated = true }], [],
            OrganisationKind.Unit, "GC-B", OrganisationField.Type, "专项指挥部“乙专项指挥部”没有调度任何专项:请在“专项”表中指定它调度的专项,或将其停用"
        },
        {
            "deactivated unit with open projects",
            With(new UnitNode(5, "D1", "区发展改革委", UnitType.Department, null, true)), Tracks, ["D1"],
            OrganisationKind.Unit, "D1", OrganisationField.Status, "“区发展改革委”仍有在建项目,不能停用:请先把这些项目移交其他单位"
        },
        {
            "active unit under a deactivated parent",
            [.. With(new UnitNode(5, "D1", "区发展改革委", UnitType.Department, null, true)), new(7, "D1-1", "重大项目科", UnitType.Department, "D1", false)], Tracks, [],
            OrganisationKind.Unit, "D1-1", OrganisationField.Parent, "上级单位“区发展改革委”已停用,在用单位不能挂在其下"
        },
        {
            "track dispatched by a department",
            District, [Tracks[0], Tracks[1], new(4, "c", "丙专项", "D1", false)], [],
            OrganisationKind.Track, "c", OrganisationField.Command, "“区发展改革委”是部门,不是指挥部"
        },
        {
            "track dispatched by an unknown command",
            District, [Tracks[0], Tracks[1], new(4, "c", "丙专项", "GC-X", false)], [],
            OrganisationKind.Track, "c", OrganisationField.Command, "指挥部“GC-X”不存在"
        },
        {
            "duplicate track code",
            District, [Tracks[0], Tracks[1], new(4, "A", "甲专项(重复)", "GC-A", false)], [],
            OrganisationKind.Track, "A", OrganisationField.Code, "专项代码“A”重复"
        },
        {
            "active track under a deactivated command",
            With(new UnitNode(4, "GC-B", "乙专项指挥部", UnitType.Command, "GC", true)), Tracks, [],
            OrganisationKind.Track, "b", OrganisationField.Command, "指挥部“乙专项指挥部”已停用,在用专项不能由它调度"
        },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_shape_is_named_on_its_row_and_field(string why, UnitNode[] units, TrackNode[] tracks, string[] open, OrganisationKind kind, string code, OrganisationField field, string message)
    {
        var problems = Check(units, tracks, open);
        Assert.True(problems.Any(p => p.Kind == kind && p.Code == code && p.Field == field && p.Message == message),
            $"{why}: got {string.Join(" | ", problems.Select(p => $"{p.Kind} {p.Code} {p.Field} {p.Message}"))}");
    }

    [Fact]
    public void The_general_command_needs_no_track_and_a_deactivated_track_command_needs_none()
    {
        Assert.Empty(Check(With(new UnitNode(4, "GC-B", "乙专项指挥部", UnitType.Command, "GC", true)), [Tracks[0]]));
    }

    [Fact]
    public void A_deactivated_unit_without_open_projects_is_fine() =>
        Assert.Empty(Check(With(new UnitNode(6, "T1", "凤城街道", UnitType.Town, null, true)), open: ["D1"]));

    [Fact]
    public void Paths_run_from_the_top_and_skip_cycles_and_orphans()
    {
        UnitNode[] units =
        [
            .. District,
            new(7, "X", "甲", UnitType.Department, "Y", false),
            new(8, "Y", "乙", UnitType.Department, "X", false),
            new(9, "Z", "丙", UnitType.Department, "NOPE", false),
        ];
        var paths = OrganisationRules.Paths(units);
        Assert.Equal("/GC/", paths["GC"]);
        Assert.Equal("/GC/GC-A/", paths["GC-A"]);
        Assert.Equal("/D1/", paths["D1"]);
        Assert.False(paths.ContainsKey("X"));
        Assert.False(paths.ContainsKey("Y"));
        Assert.False(paths.ContainsKey("Z"));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.Domain.Organisation;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Organisation;

/// <summary>
/// The district's organisation as one workbook, one sheet per kind: 单位 (departments, towns, owners, commands with
/// parent and report contact), 人员 (lead officials and service commissioners), and the year's 专项 and 清单. Export
/// writes every record under the import's own headers, so the file imports back unchanged. Import is by code: a code
/// in the sheet creates or updates that record, a record the sheet leaves out is left alone, and nothing is deleted
/// (停用 deactivates). The whole workbook is checked first — row by row, then the organisation's shape with
/// <see cref="OrganisationRules"/> over the database as the workbook would leave it — and saved in one transaction.
/// </summary>
public static partial class OrganisationWorkbook
{
    public const string UnitsSheet = "单位";
    public const string PeopleSheet = "人员";
    public const string TracksSheet = "专项";
    public const string ListsSheet = "清单";

    public const string Active = "在用";
    public const string Inactive = "停用";

    public static readonly IReadOnlyList<ColumnSpec> UnitColumns =
    [
        new("code", "单位代码", CellKind.Text, true, "代码", "编码"),
        new("name", "单位名称", CellKind.Text, true, "名称", "单位"),
        new("type", "单位类型", CellKind.Text, true, "类型"),
        new("parent", "上级单位", CellKind.Text, false, "上级单位代码", "上级"),
        new("contact", "填报联系人", CellKind.Text, false, "联系人"),
        new("phone", "联系电话", CellKind.Text, false, "电话"),
        new("order", "排序", CellKind.Text, false, "序号"),
        new("status", "状态", CellKind.Text, false),
        new("former", "曾用名", CellKind.Text, false),
    ];

    public static readonly IReadOnlyList<ColumnSpec> PeopleColumns =
    [
        new("code", "人员编码", CellKind.Text, true, "编码", "代码"),
        new("name", "姓名", CellKind.Text, true),
        new("role", "角色", CellKind.Text, true, "身份"),
        new("title", "职务", CellKind.Text, false),
        new("unit", "所在单位", CellKind.Text, false, "单位"),
        new("phone", "联系电话", CellKind.Text, false, "电话"),
        new("status", "状态", CellKind.Text, false),
        new("projects", "服务项目(只读)", CellKind.Text, false),
    ];

    public static readonly IReadOnlyList<ColumnSpec> TrackColumns =
    [
        new("code", "专项代码", CellKind.Text, true, "代码"),
        new("name", "专项名称", CellKind.Text, true, "名称"),
        new("command", "调度指挥部", CellKind.Text, false, "指挥部", "专项指挥部"),
        new("order", "排序", CellKind.Text, false, "序号"),
        new("colour", "颜色", CellKind.Text, false),
        new("status", "状态", CellKind.Text, false),
    ];

    public static readonly IReadOnlyList<ColumnSpec> ListColumns =
    [
        new("code", "清单代码", CellKind.Text, true, "代码"),
        new("name", "清单名称", CellKind.Text, true, "名称"),
        new("order", "排序", CellKind.Text, false, "序号"),
        new("colour", "颜色", CellKind.Text, false),
        new("status", "状态", CellKind.Text, false),
    ];

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();

    public static string TypeName(UnitType t) => Names.Of(t);

    public static bool IsColour(string text) => HexColour().IsMatch(text);

    /// <summary>Unit types as offices write them: 总指挥部 and 专项指挥部 are both commands (the hierarchy tells them apart).</summary>
    public static bool TryType(string text, out UnitType type)
    {
        type = SheetReader.Normalise(text) switch
        {
            "部门" or "区级部门" or "区级部门(单位)" or "园区" => UnitType.Department,
            "街镇" or "镇街" or "街道" or "镇" => UnitType.Town,
            "业主单位" or "业主" or "企业" => UnitType.Owner,
            "指挥部" or "总指挥部" or "专项指挥部" => UnitType.Command,
            _ => Enum.TryParse<UnitType>(text, true, out var t) && Enum.IsDefined(t) ? t : 0,
        };
        return type != 0;
    }

    public static string RoleName(PersonRole r) => r switch
    {
        PersonRole.LeadOfficial => "责任领导",
        PersonRole.ServiceCommissioner => "服务专员",
        _ => r.ToString(),
    };

    public static bool TryRole(string text, out PersonRole role)
    {
        role = SheetReader.Normalise(text) switch
        {
            "责任领导" or "联系领导" or "区领导" => PersonRole.LeadOfficial,
            "服务专员" or "专员" => PersonRole.ServiceCommissioner,
            _ => Enum.TryParse<PersonRole>(text, true, out var r) && Enum.IsDefined(r) ? r : 0,
        };
        return role != 0;
    }

    public static async Task<byte[]> ExportAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
        var codeOf = units.ToDictionary(u => u.Id, u => u.Code);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Role).ThenBy(p => p.Code).ToListAsync(ct);
        var served = (await db.Projects.AsNoTracking().Where(p => p.CommissionerId != null).OrderBy(p => p.Code)
            .Select(p => new { p.CommissionerId, p.Code }).ToListAsync(ct)).ToLookup(p => p.CommissionerId!.Value, p => p.Code);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.Year == year).OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct);
        var lists = await db.ProjectLists.AsNoTracking().Where(l => l.Year == year).OrderBy(l => l.SortOrder).ThenBy(l => l.Code).ToListAsync(ct);

        string Status(bool deactivated) => deactivated ? Inactive : Active;
        var sheets = new Dictionary<string, object>
        {
            [UnitsSheet] = Rows(UnitColumns, units.Select(u => new object?[]
            {
                u.Code, u.Name, TypeName(u.Type), u.ParentId is { } p ? codeOf[p] : null, u.ContactName, u.ContactPhone, u.SortOrder, Status(u.Deactivated), u.FormerNames,
            })),
            [PeopleSheet] = Rows(PeopleColumns, people.Select(p => new object?[]
            {
                p.Code, p.Name, RoleName(p.Role), p.Title, p.UnitId is { } u ? codeOf[u] : null, p.Phone, Status(p.Deactivated),
                served[p.Id].Any() ? string.Join("、", served[p.Id]) : null,
            })),
            [TracksSheet] = Rows(TrackColumns, tracks.Select(t => new object?[]
            {
                t.Code, t.Name, t.CommandId is { } c ? codeOf[c] : null, t.SortOrder, t.Colour, Status(t.Deactivated),
            })),
            [ListsSheet] = Rows(ListColumns, lists.Select(l => new object?[] { l.Code, l.Name, l.SortOrder, l.Colour, Status(l.Deactivated) })),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return ExcelLayout.Apply(stream.ToArray());
    }

    /// <summary>Rows under the specs' labels, in spec order; an empty sheet still gets its header row.</summary>
    private static List<Dictionary<string, object?>> Rows(IReadOnlyList<ColumnSpec> specs, IEnumerable<object?[]> values)
    {
        var rows = values.Select(v => specs.Select((s, i) => (s.Label, v[i])).ToDictionary(x => x.Label, x => x.Item2, StringComparer.Ordinal)).ToList();
        if (rows.Count == 0)
        {
            rows.Add(specs.ToDictionary(s => s.Label, _ => (object?)null, StringComparer.Ordinal));
        }

        return rows;
    }
}

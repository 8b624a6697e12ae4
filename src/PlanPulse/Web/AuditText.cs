using System.Globalization;
using System.Text.Json;
using PlanPulse.App.Features.Audit;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Web;

/// <summary>
/// Turns an audit row (entity and property names in English, changes as JSON) into what a person reads:
/// Chinese names for the entities and fields people know, enum numbers as their names, one line per changed field.
/// </summary>
public static class AuditText
{
    /// <summary>One changed field: its display name, the value before and after ("—" when there was none).</summary>
    public sealed record FieldChange(string Field, string Old, string New, bool HasOld, bool HasNew);

    // Bookkeeping columns say nothing to a reader of a new row's history; on updates they never change alone.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "Id", "Version" };

    // Identity's bookkeeping columns of a new account or role: derived or random, never what a reader looks for.
    private static readonly HashSet<string> HiddenOnCreate = new(StringComparer.Ordinal)
    {
        "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedName", "NormalizedEmail", "AccessFailedCount",
    };

    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["Project"] = "项目",
        ["MonthlyReport"] = "月报",
        ["AnnualPlan"] = "年度计划",
        ["PlannedMilestone"] = "计划节点",
        ["ReachedMilestone"] = "达到节点",
        ["Problem"] = "问题",
        ["MonthLock"] = "锁定月份",
        ["RuleSetRecord"] = "规则集",
        ["AppUser"] = "账号",
        ["AppRole"] = "角色",
        ["IdentityUserRole`1"] = "账号角色",
        ["ApiToken"] = "令牌",
        ["Unit"] = "单位",
        ["Indicator"] = "指标",
        ["IndicatorTarget"] = "指标目标",
        ["IndicatorObservation"] = "指标数据",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Name"] = "名称",
        ["Code"] = "代码",
        ["Content"] = "建设内容",
        ["Phase"] = "阶段",
        ["TotalInvestment"] = "总投资(万元)",
        ["PlannedInvestment"] = "年度计划投资(万元)",
        ["Month"] = "月份",
        ["Amount"] = "本月完成投资(万元)",
        ["Progress"] = "形象进度",
        ["CorrectionNote"] = "核减说明",
        ["Status"] = "状态",
        ["SubmittedBy"] = "报送人",
        ["SubmittedAt"] = "报送时间",
        ["ReviewedBy"] = "审核人",
        ["ReviewedAt"] = "审核时间",
        ["ReturnReason"] = "退回原因",
        ["Description"] = "问题描述",
        ["Category"] = "类别",
        ["Level"] = "协调层级",
        ["Deadline"] = "办结时限",
        ["ResolvedOn"] = "解决日期",
        ["Resolution"] = "解决情况",
        ["Kind"] = "节点",
        ["LockedBy"] = "操作人",
        ["LockedAt"] = "操作时间",
        ["Reopened"] = "已重新开放",
        ["Reason"] = "原因",
        ["ProjectId"] = "项目",
    };

    public static string Entity(string entity) => Entities.TryGetValue(entity, out var zh) ? UiText.T(zh) : entity;

    public static string Field(string field) => Fields.TryGetValue(field, out var zh) ? UiText.T(zh) : field;

    public static string Action(string action) => UiText.T(action switch
    {
        "Created" => "新增",
        "Updated" => "修改",
        "Deleted" => "删除",
        _ => action,
    });

    /// <summary>The changed fields of a row; a JSON the page cannot read shows as one raw line rather than failing.</summary>
    public static IReadOnlyList<FieldChange> Changes(AuditDto entry)
    {
        var result = new List<FieldChange>();
        try
        {
            using var doc = JsonDocument.Parse(entry.Changes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new FieldChange("", "", entry.Changes, false, true)];
            }

            foreach (var field in doc.RootElement.EnumerateObject())
            {
                if (Hidden.Contains(field.Name) || field.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var hasOld = field.Value.TryGetProperty("old", out var oldValue);
                var hasNew = field.Value.TryGetProperty("new", out var newValue);

                // A new row's empty and unset columns are noise: only what was filled in is shown.
                if (entry.Action == "Created"
                    && (!hasNew || newValue.ValueKind is JsonValueKind.Null or JsonValueKind.False || HiddenOnCreate.Contains(field.Name)))
                {
                    continue;
                }

                result.Add(new FieldChange(
                    Field(field.Name),
                    hasOld ? Value(entry.Entity, field.Name, oldValue) : "—",
                    hasNew ? Value(entry.Entity, field.Name, newValue) : "—",
                    hasOld,
                    hasNew));
            }
        }
        catch (JsonException)
        {
            return [new FieldChange("", "", entry.Changes, false, true)];
        }

        return result;
    }

    private static string Value(string entity, string field, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return "—";
            case JsonValueKind.True:
                return UiText.T("是");
            case JsonValueKind.False:
                return UiText.T("否");
            case JsonValueKind.Number when v.TryGetInt32(out var n):
                return Enumerated(entity, field, n) ?? n.ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.Number:
                return v.GetRawText();
            case JsonValueKind.String:
                var s = v.GetString() ?? "";

                // Instants are stored in UTC; people read Beijing time everywhere else in the UI.
                if (field.EndsWith("At", StringComparison.Ordinal) && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                {
                    return UiFormat.Time(t);
                }

                return s;
            default:
                return v.GetRawText();
        }
    }

    /// <summary>Enum columns are serialised as numbers; show their Chinese names.</summary>
    private static string? Enumerated(string entity, string field, int n) => (entity, field) switch
    {
        ("MonthlyReport", "Status") when Enum.IsDefined((ReportStatus)n) => UiText.T(Names.Of((ReportStatus)n)),
        ("Problem", "Status") when Enum.IsDefined((ProblemStatus)n) => UiText.T(Names.Of((ProblemStatus)n)),
        ("Problem", "Category") when Enum.IsDefined((ProblemCategory)n) => UiText.T(Names.Of((ProblemCategory)n)),
        ("Problem", "Level") when Enum.IsDefined((EscalationLevel)n) => UiText.T(Names.Of((EscalationLevel)n)),
        ("Project", "Phase") when Enum.IsDefined((Phase)n) => UiText.T(Names.Of((Phase)n)),
        ("ReachedMilestone", "Kind") when Enum.IsDefined((MilestoneKind)n) => UiText.T(Names.Of((MilestoneKind)n)),
        (_, "Month") when n is > 190001 and < 999913 => UiFormat.Month(n),
        _ => null,
    };
}

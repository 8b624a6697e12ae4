using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Text;

namespace PlanPulse.Domain.Extraction;

/// <summary>An indicator of the catalogue as a suggestion needs it.</summary>
public sealed record CatalogueEntry(string Code, string Name, string Unit);

/// <summary>A catalogue indicator proposed for a fact, best first; <see cref="Why"/> says why (shown to the reviewer).</summary>
public sealed record IndicatorSuggestion(string Code, double Score, string Why);

/// <summary>What a new indicator made from a fact looks like, before the reviewer changes it.</summary>
public sealed record IndicatorShape(string Unit, IndicatorKind Kind, Direction Direction);

/// <summary>
/// Rules for taking a reviewed fact into the indicator catalogue: which existing indicator it most likely is, and the
/// shape of a new one. Pure; the reviewer always has the last word, so these only pre-fill the review form.
/// </summary>
public static class FactAdoption
{
    /// <summary>Units that count things; an indicator in one of them takes whole numbers.</summary>
    public static readonly IReadOnlySet<string> CountUnits = new HashSet<string>(StringComparer.Ordinal)
    {
        "个", "家", "户", "所", "件", "项", "条", "种", "名", "人", "批", "座", "处", "次", "台", "套", "张", "辆", "列", "艘",
    };

    // Words whose indicators are better when lower (能耗强度下降, 事故死亡人数, 失业率, PM2.5浓度).
    private static readonly string[] LowerIsBetterWords = ["能耗", "排放", "事故", "死亡", "失业率", "浓度", "碳强度", "水耗", "负债率"];

    /// <summary>
    /// The catalogue indicators a fact most likely is, best first, at most <paramref name="max"/>: the same name after
    /// normalisation (traditional or simplified, full-width or not) scores 1; one name inside the other or most
    /// characters shared scores less; a different unit halves the score, since a figure cannot be recorded in another
    /// unit without conversion. Below 0.5 nothing is suggested.
    /// </summary>
    public static IReadOnlyList<IndicatorSuggestion> Suggest(string metric, string? unit, IEnumerable<CatalogueEntry> catalogue, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var m = Key(metric);
        if (m.Length == 0)
        {
            return [];
        }

        var u = unit is null ? null : Chinese.Normalize(unit).Trim();
        var scored = new List<IndicatorSuggestion>();
        foreach (var c in catalogue)
        {
            var n = Key(c.Name);
            if (n.Length == 0)
            {
                continue;
            }

            double score;
            string why;
            if (n == m)
            {
                (score, why) = (1.0, "名称相同");
            }
            else if (n.Contains(m, StringComparison.Ordinal) || m.Contains(n, StringComparison.Ordinal))
            {
                var ratio = (double)Math.Min(n.Length, m.Length) / Math.Max(n.Length, m.Length);
                (score, why) = (0.6 + (0.3 * ratio), "名称包含");
            }
            else
            {
                var dice = Dice(m, n);
                (score, why) = (dice * 0.85, $"名称相近({dice:P0}字相同)");
            }

            // A growth-only fact has no unit and fits an indicator of any unit.
            if (u is { Length: > 0 } && c.Unit.Length > 0 && Chinese.Normalize(c.Unit) != u)
            {
                score /= 2;
                why += $",但单位不同({c.Unit})";
            }

            if (score >= 0.5)
            {
                scored.Add(new IndicatorSuggestion(c.Code, Math.Round(score, 3), why));
            }
        }

        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Code, StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>
    /// A new indicator's unit, kind and direction from the fact: a growth-only fact is a growth rate (unit %); a level in
    /// % or 个百分点 is a share; a count unit is a count; the rest are levels. Lower is better for consumption,
    /// emissions, accidents and unemployment, and for a fact stated as a fall of an intensity (能耗强度下降3%).
    /// </summary>
    public static IndicatorShape Shape(string metric, string? unit, decimal? value, decimal? growthPct)
    {
        var name = Chinese.Normalize(metric ?? "");
        var u = unit is null ? "" : Chinese.Normalize(unit).Trim();
        var lower = LowerIsBetterWords.Any(w => name.Contains(w, StringComparison.Ordinal))
            || (growthPct < 0 && name.Contains("强度", StringComparison.Ordinal));
        var direction = lower ? Direction.LowerIsBetter : Direction.HigherIsBetter;
        if (value is null && growthPct is not null)
        {
            return new IndicatorShape("%", IndicatorKind.GrowthRate, direction);
        }

        if (u is "%" or "个百分点")
        {
            return new IndicatorShape(u, IndicatorKind.Share, direction);
        }

        return new IndicatorShape(u, CountUnits.Contains(u) ? IndicatorKind.Count : IndicatorKind.Level, direction);
    }

    /// <summary>
    /// The name a new catalogue indicator gets from a fact's metric: simplified characters and narrow forms (the
    /// catalogue is read and searched in simplified Chinese: 計劃安排重大建設項目 → 计划安排重大建设项目), without the
    /// scope words and the 其中 a sentence wraps around the name (全年实现…, 其中工业投资).
    /// </summary>
    public static string IndicatorName(string metric)
    {
        var n = Key(metric);
        return n.StartsWith("其中", StringComparison.Ordinal) && n.Length > 3 ? n[2..] : n;
    }

    /// <summary>The category a new indicator is proposed in, by the words of its name; 其他 when none fits. First match wins.</summary>
    public static string ProposeCategory(string name)
    {
        var n = Chinese.Normalize(name ?? "");
        foreach (var (words, category) in CategoryWords)
        {
            if (words.Any(w => n.Contains(w, StringComparison.Ordinal)))
            {
                return category;
            }
        }

        return OtherCategory;
    }

    public const string OtherCategory = "其他";

    // Ordered: the project list before 投资 (重大建设项目年度计划投资 describes the list), consumption and emissions
    // before 工业 (工业投资 is an investment figure, 单位工业增加值能耗 an energy one), fiscal 收入 before household 收入,
    // 就业 before 城镇 (城镇新增就业 is an employment figure).
    private static readonly (string[] Words, string Category)[] CategoryWords =
    [
        (["重大建设项目", "重大项目"], "重大项目安排"),
        (["能耗", "排放", "空气", "PM", "碳", "污染", "水质", "森林", "绿地", "事故", "安全"], "生态和安全"),
        (["生产总值", "GDP", "一般公共预算", "税收", "财政", "增加值"], "综合经济"),
        (["投资", "消费", "零售", "进出口", "外贸", "电商", "外包", "交易额", "招商", "签约"], "投资和消费"),
        (["川渝", "成渝"], "川渝合作"),
        (["工业", "产值", "企业", "科技", "研发", "专利", "数字", "技改", "智能", "专精特新", "高新"], "工业和创新"),
        (["粮食", "农", "乡村", "游客", "旅游", "文旅", "村"], "乡村振兴和文旅"),
        (["就业", "学", "医", "养老", "社保", "救助", "住房", "收入", "托育", "幼儿"], "民生保障"),
        (["城市", "城镇", "道路", "片区", "改造", "管网", "公园", "轨道", "停车"], "城市建设"),
        (["市场主体", "营商", "改革", "贷款", "融资", "金融"], "改革和营商环境"),
    ];

    /// <summary>
    /// The shape of a new indicator made for several facts of one name (a year's level in one sentence, its growth in
    /// another, next year's target in a third), whatever order they are accepted in: the unit of the first fact that
    /// has a figure, else a growth rate; lower is better when any fact says so.
    /// </summary>
    public static IndicatorShape ShapeOf(string metric, IEnumerable<(string? Unit, decimal? Value, decimal? GrowthPct)> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var list = facts.ToList();
        if (list.Count == 0)
        {
            return Shape(metric, null, null, null);
        }

        var first = list.FirstOrDefault(f => f.Value is not null && !string.IsNullOrWhiteSpace(f.Unit));
        var shape = first.Value is not null ? Shape(metric, first.Unit, first.Value, first.GrowthPct) : Shape(metric, list[0].Unit, list[0].Value, list[0].GrowthPct);
        var lower = list.Any(f => Shape(metric, f.Unit, f.Value, f.GrowthPct).Direction == Direction.LowerIsBetter);
        return shape with { Direction = lower ? Direction.LowerIsBetter : shape.Direction };
    }

    /// <summary>How a target's bound word reads as a comparison: 以上/不低于 ≥, 左右 ≈, 以内/不超过 ≤, 突破/超过 &gt;.</summary>
    public static Qualifier QualifierOf(string? word) => word is null ? Qualifier.None : Chinese.Normalize(word).Trim() switch
    {
        "以上" or "不低于" or "不少于" or "达到" or "至少" => Qualifier.AtLeast,
        "左右" or "约" => Qualifier.About,
        "以内" or "不超过" or "以下" => Qualifier.AtMost,
        "突破" or "超过" => Qualifier.Exceed,
        _ => Qualifier.None,
    };

    // Names compared without the level verbs and scope words a sentence adds around them (全年实现…, 全区…).
    private static string Key(string name)
    {
        var n = Chinese.Normalize(name ?? "").Trim();
        foreach (var prefix in new[] { "全年", "全区", "全市", "全省", "全县" })
        {
            if (n.StartsWith(prefix, StringComparison.Ordinal) && n.Length > prefix.Length + 1)
            {
                n = n[prefix.Length..];
            }
        }

        return n;
    }

    /// <summary>Dice coefficient over characters (with repeats): 2 × shared ÷ (|a| + |b|), 1 for the same multiset of characters.</summary>
    public static double Dice(string a, string b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in a)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        var common = 0;
        foreach (var c in b)
        {
            if (counts.GetValueOrDefault(c) > 0)
            {
                counts[c]--;
                common++;
            }
        }

        return 2.0 * common / (a.Length + b.Length);
    }
}

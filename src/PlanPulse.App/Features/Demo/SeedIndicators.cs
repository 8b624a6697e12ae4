using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlanPulse.App.Data;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Features.Demo;

/// <summary>
/// The seed report's real figures as indicator data: every quantified 2022 actual becomes a year observation and
/// every 2023 commitment a target of the 2023 annual plan, each with the sentence it came from. The facts are the
/// hand-checked golden file of the extractor (tests/fixtures/seed/seed-facts.jsonl, embedded), so the demo and the
/// extractor's tests agree on what the seed says. Monthly 2023 figures and the five-year plan are generated and
/// marked as demo.
/// </summary>
public static class SeedIndicators
{
    public const string AnnualPlanCode = "2023-annual";
    public const string FiveYearPlanCode = "14th-five-year";
    public const string SeedSource = "长寿区2022年国民经济和社会发展计划执行情况与2023年计划草案的报告";
    public const string DemoSource = "演示数据(按目标随机生成)";

    /// <summary>A fact of the golden file, field names as the extractor prints them.</summary>
    public sealed record SeedFact(
        [property: JsonPropertyName("metric")] string Metric,
        [property: JsonPropertyName("value")] decimal? Value,
        [property: JsonPropertyName("unit")] string? Unit,
        [property: JsonPropertyName("growth_pct")] decimal? GrowthPct,
        [property: JsonPropertyName("year")] int Year,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("qualifier")] string? Qualifier,
        [property: JsonPropertyName("quote")] string Quote,
        [property: JsonPropertyName("start")] int Start,
        [property: JsonPropertyName("end")] int End,
        [property: JsonPropertyName("section")] string Section);

    /// <summary>The part of the catalogue and data built from the facts, before it is saved.</summary>
    public sealed record Built(
        IReadOnlyList<DevelopmentPlan> Plans,
        IReadOnlyList<Indicator> Indicators,
        IReadOnlyList<IndicatorTarget> Targets,
        IReadOnlyList<IndicatorObservation> Observations,
        IReadOnlyDictionary<SeedFact, Indicator> FactIndicator);

    // The seed names one indicator differently in its two parts (execution 2022, plan 2023).
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["进出口总额"] = "外贸进出口总额",
        ["城区空气优良天数"] = "空气质量优良天数",
        ["离岸服务外包"] = "离岸服务外包执行额",
        ["电子商务交易额"] = "电商交易额",
        ["粮食综合产量"] = "粮食产量",
        ["新认证“三品一标”和市级名牌农产品"] = "新认证“三品一标”和名牌农产品",
        ["新培育新型农业经营主体"] = "培育新型农业经营主体",
        ["新增市级研发机构"] = "新增市级及以上研发机构",
        ["签约引进十亿级项目"] = "签约十亿级项目",
        ["其中工业投资"] = "工业投资",
        ["其中新材料产值"] = "新材料产值",
        ["战新产业产值"] = "战略性新兴产业产值",
        ["规上工业总产值"] = "规模以上工业总产值",
        ["经开区规上工业总产值"] = "经开区规模以上工业总产值",
    };

    // Units the seed writes in two sizes for one indicator: factor to the indicator's unit.
    private static readonly Dictionary<(string From, string To), decimal> UnitFactors = new()
    {
        [("万户", "户")] = 10000m,
        [("户", "万户")] = 0.0001m,
        [("万人", "万人次")] = 1m, // 接待过夜游客: 100万人次 (2022) and 120万人 (2023) count the same visits
        [("万人次", "万人")] = 1m,
        [("万个", "个")] = 10000m,
    };

    // A growth-only figure names no unit; these are the units the statistics bureau publishes them in.
    private static readonly (string Contains, string Unit)[] GrowthOnlyUnits =
    [
        ("能耗强度", "吨标准煤/万元"),
        ("能耗总量", "万吨标准煤"),
        ("电力用量", "亿千瓦时"),
        ("天然气用量", "亿立方米"),
        ("事故起数", "起"),
        ("死亡人数", "人"),
        ("人均可支配收入", "元"),
    ];

    private static readonly string[] CountUnits = ["个", "家", "件", "件次", "条", "所", "户", "万户", "人", "名", "种", "项", "万个"];

    private static readonly (string Contains, string Unit)[] ResponsibleUnits =
    [
        ("旅游", "区文化旅游委"), ("文旅", "区文化旅游委"), ("游客", "区文化旅游委"),
        ("农", "区农业农村委"), ("粮食", "区农业农村委"), ("乡村", "区农业农村委"), ("灌溉", "区水利局"),
        ("就业", "区人力社保局"), ("技能", "区人力社保局"), ("人才", "区委组织部、区人力社保局"),
        ("空气", "区生态环境局"), ("能耗", "区经济信息委、区发展改革委"), ("绿地", "区城市管理局"), ("道路", "区城市管理局"),
        ("事故", "区应急管理局"), ("学", "区教委"), ("幼儿园", "区教委"), ("医", "区卫生健康委"), ("养老", "区民政局"), ("救助", "区民政局"),
        ("工业", "区经济信息委"), ("数字", "区经济信息委"), ("技改", "区经济信息委"), ("智能", "区经济信息委"), ("专精特新", "区经济信息委"),
        ("科技", "区科技局"), ("高新", "区科技局"), ("研发", "区科技局"), ("R&D", "区科技局"),
        ("零售", "区商务委"), ("电商", "区商务委"), ("进出口", "区商务委"), ("外包", "区商务委"), ("交易额", "区商务委"),
        ("市场主体", "区市场监管局"), ("预算", "区财政局"), ("税费", "区税务局、区财政局"), ("贷款", "区金融发展服务中心"),
        ("投资", "区发展改革委"), ("项目", "区发展改革委"), ("生产总值", "区统计局、区发展改革委"),
    ];

    private static readonly Dictionary<string, string> CategoryBySection = new(StringComparer.Ordinal)
    {
        ["2022|一、"] = "综合经济",
        ["2022|一、(一)"] = "工业和创新",
        ["2022|一、(二)"] = "乡村振兴和文旅",
        ["2022|一、(三)"] = "城市建设",
        ["2022|一、(四)"] = "改革和营商环境",
        ["2022|一、(五)"] = "川渝合作",
        ["2022|一、(六)"] = "投资和消费",
        ["2022|一、(七)"] = "民生保障",
        ["2022|一、(八)"] = "生态和安全",
        ["2023|二、(二)"] = PlanComposition,
        ["2023|三、(一)"] = "工业和创新",
        ["2023|三、(二)"] = "乡村振兴和文旅",
        ["2023|三、(三)"] = "城市建设",
        ["2023|三、(五)"] = "投资和消费",
        ["2023|三、(六)"] = "改革和营商环境",
        ["2023|三、(七)"] = "民生保障",
    };

    /// <summary>The seed's description of the year's project list (220 projects, 2964亿元 in all…): targets without monthly figures.</summary>
    public const string PlanComposition = "重大项目安排";

    /// <summary>The display order of categories on the indicator dashboard.</summary>
    public static readonly string[] Categories = ["综合经济", "投资和消费", PlanComposition, "工业和创新", "乡村振兴和文旅", "城市建设", "改革和营商环境", "川渝合作", "民生保障", "生态和安全", "五年规划"];

    public static IReadOnlyList<SeedFact> LoadFacts()
    {
        using var stream = typeof(SeedIndicators).Assembly.GetManifestResourceStream("PlanPulse.SeedFacts.jsonl")
            ?? throw new InvalidOperationException("嵌入资源 seed-facts.jsonl 缺失");
        using var reader = new StreamReader(stream);
        var facts = new List<SeedFact>();
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                facts.Add(JsonSerializer.Deserialize<SeedFact>(line) ?? throw new InvalidOperationException($"seed-facts.jsonl 无法读取:{line}"));
            }
        }

        return facts;
    }

    /// <summary>The indicator name a fact belongs to: simplified, narrow forms, the seed's aliases resolved.</summary>
    public static string IndicatorName(string metric)
    {
        var name = Chinese.Normalize(metric).Trim();
        return Aliases.TryGetValue(name, out var canonical) ? canonical : name;
    }

    public static Built Build(IReadOnlyList<SeedFact> facts, int seed = 20230217)
    {
        var annual = new DevelopmentPlan { Code = AnnualPlanCode, Name = "长寿区2023年国民经济和社会发展计划", Kind = PlanKind.Annual, StartYear = 2023, EndYear = 2023 };
        var fiveYear = new DevelopmentPlan { Code = FiveYearPlanCode, Name = "长寿区国民经济和社会发展第十四个五年规划(演示目标)", Kind = PlanKind.FiveYear, StartYear = 2021, EndYear = 2025, IsDemo = true };
        var indicators = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        var factIndicator = new Dictionary<SeedFact, Indicator>();
        var observations = new Dictionary<(Indicator, string), IndicatorObservation>();
        var targets = new Dictionary<Indicator, IndicatorTarget>();

        // A growth-only sentence names no unit (固定资产投资增长5.2%); the indicator takes the unit another sentence gives it.
        var firstUnit = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in facts)
        {
            if (FactUnit(f, IndicatorName(f.Metric)) is { } u)
            {
                firstUnit.TryAdd(IndicatorName(f.Metric), u);
            }
        }

        foreach (var f in facts)
        {
            var name = IndicatorName(f.Metric);
            var unit = FactUnit(f, name) ?? firstUnit.GetValueOrDefault(name);
            var key = name;

            // One name, two incompatible units (老旧片区改造: 万平方米 in 2022, 个 in 2023): two indicators.
            if (indicators.TryGetValue(key, out var existing) && unit is not null && existing.Unit != unit && !UnitFactors.ContainsKey((unit, existing.Unit)))
            {
                key = $"{name}({unit})";
            }

            if (!indicators.TryGetValue(key, out var indicator))
            {
                indicator = NewIndicator(key == name ? name : $"{name}({UnitNoun(unit)})", unit ?? "", f, indicators.Count + 1);
                indicators[key] = indicator;
            }

            factIndicator[f] = indicator;
            var value = f.Value is { } v && unit is not null && unit != indicator.Unit ? v * UnitFactors[(unit, indicator.Unit)] : f.Value;
            if (f.Kind == "actual")
            {
                AddActual(observations, indicator, f, value);
            }
            else
            {
                AddTarget(targets, annual, indicator, f, value);
            }
        }

        // Baseline of a 2023 target: the 2022 actual of the same indicator, when the seed gives a level.
        foreach (var (indicator, target) in targets)
        {
            if (observations.TryGetValue((indicator, "2022"), out var last) && last.Value is { } b)
            {
                target.Baseline = b;
                target.BaselineYear = 2022;
            }
        }

        var all = indicators.Values.ToList();
        var obs = observations.Values.ToList();
        var tgt = targets.Values.ToList();
        var rng = new Random(seed);
        obs.AddRange(MonthlyDemo(tgt, rng));
        AddFiveYear(fiveYear, all, obs, tgt, indicators);
        return new Built([annual, fiveYear], all, tgt, obs, factIndicator);
    }

    private static string? FactUnit(SeedFact f, string name)
    {
        if (f.Unit is { Length: > 0 } u)
        {
            return Chinese.Normalize(u);
        }

        return GrowthOnlyUnits.FirstOrDefault(g => name.Contains(g.Contains, StringComparison.Ordinal)).Unit;
    }

    private static string UnitNoun(string? unit) => unit switch
    {
        "个" => "个数",
        null => "",
        _ => unit,
    };

    private static Indicator NewIndicator(string name, string unit, SeedFact first, int order)
    {
        var share = unit is "%" or "个百分点";
        var count = CountUnits.Contains(unit);
        var lower = name.Contains("能耗强度", StringComparison.Ordinal) || name.Contains("事故", StringComparison.Ordinal);
        // 十四五 binding (约束性) indicators among the seed's: energy intensity, good-air days, grain and farmland safety.
        var binding = name.Contains("能耗强度", StringComparison.Ordinal) || name.Contains("空气", StringComparison.Ordinal)
            || name.Contains("耕地", StringComparison.Ordinal) || name is "粮食产量" or "粮食播种面积" || name.Contains("事故死亡", StringComparison.Ordinal);
        return new Indicator
        {
            Code = $"ZB{order:000}",
            Name = name,
            Unit = unit,
            Category = IsListComposition(name) ? PlanComposition : CategoryBySection.GetValueOrDefault($"{first.Year}|{first.Section}", "综合经济"),
            Kind = share ? IndicatorKind.Share : count ? IndicatorKind.Count : IndicatorKind.Level,
            Direction = lower ? Direction.LowerIsBetter : Direction.HigherIsBetter,
            Nature = binding ? Nature.Binding : Nature.Expected,
            // Shares, balances and areas sown are point values; totals and counts accumulate through the year.
            Cumulative = !share && !name.Contains("余额", StringComparison.Ordinal) && !name.Contains("播种面积", StringComparison.Ordinal)
                && !name.Contains("能耗强度", StringComparison.Ordinal),
            ResponsibleUnits = ResponsibleUnits.FirstOrDefault(r => name.Contains(r.Contains, StringComparison.Ordinal)).Unit ?? "区发展改革委",
            SortOrder = order,
        };
    }

    // 220 projects, 65 特别重大, 92 in a track: the size of the project list, tracked by the portfolio, not accrued monthly.
    private static bool IsListComposition(string name) =>
        (name.Contains("重大建设项目", StringComparison.Ordinal) || name.Contains("特别重大项目", StringComparison.Ordinal) || name.Contains("专项", StringComparison.Ordinal))
        && !name.Contains("完成", StringComparison.Ordinal);

    private static void AddActual(Dictionary<(Indicator, string), IndicatorObservation> observations, Indicator indicator, SeedFact f, decimal? value)
    {
        var period = f.Year.ToString(CultureInfo.InvariantCulture);
        var qualifier = f.Qualifier is { Length: > 0 } q ? $"原文限定词:{Chinese.Normalize(q)}" : null;
        if (observations.TryGetValue((indicator, period), out var o))
        {
            // The seed states a figure's level in one sentence and its growth in another (固定资产投资): one observation.
            o.Value ??= value;
            o.GrowthPct ??= f.GrowthPct;
            if (o.SourceQuote is { } quote && !quote.Contains(f.Quote, StringComparison.Ordinal))
            {
                o.SourceQuote = $"{quote}|{f.Quote}";
            }

            return;
        }

        observations[(indicator, period)] = new IndicatorObservation
        {
            Indicator = indicator,
            Period = period,
            EndMonth = (f.Year * 100) + 12,
            Value = value,
            GrowthPct = f.GrowthPct,
            Final = true,
            Source = SeedSource,
            Note = qualifier,
            SourceQuote = f.Quote,
        };
    }

    private static void AddTarget(Dictionary<Indicator, IndicatorTarget> targets, DevelopmentPlan plan, Indicator indicator, SeedFact f, decimal? value)
    {
        var q = f.Qualifier is null ? null : Chinese.Normalize(f.Qualifier);
        if (!targets.TryGetValue(indicator, out var t))
        {
            targets[indicator] = new IndicatorTarget
            {
                Plan = plan,
                Indicator = indicator,
                Year = f.Year,
                Value = value,
                GrowthPct = f.GrowthPct,
                Qualifier = QualifierOf(q),
                SourceQuote = f.Quote,
            };
            return;
        }

        // A 力争 figure after the plain target is the stretch target (完成350亿元、力争完成400亿元).
        if (q == "力争")
        {
            t.StretchValue = value;
            t.StretchGrowthPct = f.GrowthPct;
            if (!t.SourceQuote!.Contains(f.Quote, StringComparison.Ordinal))
            {
                t.SourceQuote = $"{t.SourceQuote}|{f.Quote}";
            }
        }
    }

    public static Qualifier QualifierOf(string? q) => FactAdoption.QualifierOf(q);

    // Share of the year's total reached by the end of each month, as the district's investment and output run.
    private static readonly decimal[] SeasonCumulative = Cumulate([6, 6, 8, 8, 9, 9, 8, 8, 9, 9, 10, 10]);

    private static decimal[] Cumulate(decimal[] weights)
    {
        var result = new decimal[weights.Length];
        decimal sum = 0, total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            result[i] = sum / total;
        }

        return result;
    }

    /// <summary>The last month the demo has figures for, like the portfolio demo's reports.</summary>
    public const int DemoLastMonth = 11;

    /// <summary>
    /// January–November 2023 figures for every indicator with a 2023 target, drawn around the target so colours
    /// vary: output-type figures quarterly (as the statistics bureau publishes them), the rest monthly; the last
    /// month preliminary; one indicator with a month missing.
    /// </summary>
    private static IEnumerable<IndicatorObservation> MonthlyDemo(IReadOnlyList<IndicatorTarget> targets, Random rng)
    {
        var skipped = false;
        foreach (var t in targets.OrderBy(t => t.Indicator!.SortOrder))
        {
            var i = t.Indicator!;
            if (i.Category == PlanComposition)
            {
                continue; // how the year's project list is made up is not a figure that accrues month by month
            }

            var quarterly = i.Name.Contains("增加值", StringComparison.Ordinal) || i.Name.Contains("农业总产值", StringComparison.Ordinal);
            var performance = 0.82m + ((decimal)rng.NextDouble() * 0.30m); // 82 %–112 % of the pace the target needs
            var wobble = 0m;
            decimal last = 0;
            for (var m = 1; m <= DemoLastMonth; m++)
            {
                if (quarterly && m % 3 != 0)
                {
                    continue;
                }

                // One monthly indicator misses its May figure, as units do.
                if (!quarterly && m == 5 && !skipped && i.Cumulative && i.Kind == IndicatorKind.Count)
                {
                    skipped = true;
                    continue;
                }

                wobble = (wobble * 0.5m) + (((decimal)rng.NextDouble() - 0.5m) * 0.04m);
                var f = performance + wobble;
                var share = i.Unit == "天" ? m / 12m : SeasonCumulative[m - 1];
                decimal? value = null;
                decimal? growth = null;
                var level = t.Value ?? (t.GrowthPct is { } g0 && t.Baseline is { } b0 ? b0 * (1 + (g0 / 100)) : null);
                if (level is { } v)
                {
                    value = i.Cumulative ? v * share * f : v * (1 + ((f - 1) / 2));
                    value = i.Kind == IndicatorKind.Count || i.Unit == "天" ? Math.Round(value.Value) : Math.Round(value.Value, 2);
                    if (i.Unit == "天")
                    {
                        value = Math.Min(value.Value, new DateOnly(2023, m, 1).AddMonths(1).DayOfYear - 1);
                    }

                    if (i.Cumulative)
                    {
                        value = Math.Max(value.Value, last);
                        last = value.Value;
                    }

                    if (t.Baseline is { } b && b > 0 && i.Cumulative && i.Kind == IndicatorKind.Level)
                    {
                        growth = Math.Round(((value.Value / (b * share)) - 1) * 100, 1);
                    }
                }
                else if (t.GrowthPct is { } g)
                {
                    growth = Math.Round(g + ((f - 1) * 20), 1);
                }

                var period = quarterly ? $"2023Q{m / 3}" : $"2023{m:00}";
                yield return new IndicatorObservation
                {
                    Indicator = i,
                    Period = period,
                    EndMonth = 202300 + m,
                    Value = value,
                    GrowthPct = growth,
                    Final = m < DemoLastMonth - (quarterly ? 2 : 0),
                    Source = DemoSource,
                    Note = m < DemoLastMonth - (quarterly ? 2 : 0) ? null : "快报数,待统计局终审",
                    IsDemo = true,
                };
            }
        }
    }

    /// <summary>
    /// A small 十四五 plan (baseline 2020, target 2025) whose 2022 figures are the seed's; the 2020 baselines,
    /// the 2021 figures and the targets are demo values chosen to be consistent with the seed's 2022 growth.
    /// </summary>
    private static void AddFiveYear(DevelopmentPlan plan, List<Indicator> indicators, List<IndicatorObservation> observations, List<IndicatorTarget> targets, Dictionary<string, Indicator> byName)
    {
        void Add(Indicator i, decimal baseline, decimal target, decimal y2021)
        {
            targets.Add(new IndicatorTarget { Plan = plan, Indicator = i, Year = 2025, Value = target, Baseline = baseline, BaselineYear = 2020, Qualifier = Qualifier.None, SourceQuote = "演示目标" });
            observations.Add(new IndicatorObservation { Indicator = i, Period = "2020", EndMonth = 202012, Value = baseline, Final = true, Source = DemoSource, IsDemo = true });
            observations.Add(new IndicatorObservation { Indicator = i, Period = "2021", EndMonth = 202112, Value = y2021, Final = true, Source = DemoSource, IsDemo = true });
        }

        // 2021 = 2022 ÷ (1 + 2022 growth), where the seed gives the growth.
        Add(byName["地区生产总值"], 826.9m, 1200m, Math.Round(918.6m / 1.026m, 1));
        Add(byName["规模以上工业总产值"], 1180m, 2000m, Math.Round(1471.5m / 1.037m, 1));
        Add(byName["R&D投入占GDP比重"], 2.5m, 3.2m, 2.8m);
        Add(byName["空气质量优良天数"], 316m, 330m, 318m);

        // Energy intensity as an index (2020 = 100), so that its 2022 fall of 3.7 % becomes a level the plan can aim at.
        var energy = new Indicator
        {
            Code = $"ZB{indicators.Count + 1:000}",
            Name = "单位GDP能耗指数(基期=100)",
            Unit = "基期=100", // base 2020, the five-year plan's baseline year
            Category = "五年规划",
            Kind = IndicatorKind.Level,
            Direction = Direction.LowerIsBetter,
            Nature = Nature.Binding,
            Cumulative = false,
            ResponsibleUnits = "区发展改革委、区经济信息委",
            SortOrder = indicators.Count + 1,
        };
        indicators.Add(energy);
        Add(energy, 100m, 86.5m, 98.0m);
        observations.Add(new IndicatorObservation { Indicator = energy, Period = "2022", EndMonth = 202212, Value = Math.Round(98.0m * (1 - 0.037m), 1), GrowthPct = -3.7m, Final = true, Source = DemoSource, Note = "按报告所列2022年单位GDP能耗下降3.7%推算", IsDemo = true });
    }
}

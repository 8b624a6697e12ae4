using System.Globalization;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Pages.Admin;

/// <summary>
/// The rule-set editor's inputs as typed (text, so a wrong entry comes back as typed with a Chinese message naming the
/// field, not as a framework error). <see cref="ToRuleSet"/> reads them into a <see cref="RuleSet"/>; the rules about
/// the values themselves stay in <see cref="RuleSet.Check"/>. Field keys are the Domain's (<c>weights.investment</c>).
/// </summary>
public sealed class RuleSetForm
{
    /// <summary>Each field's key, label and whether it takes a whole number, in the order of the form.</summary>
    public static readonly (string Key, string Label, bool Whole)[] Fields =
    [
        ("greenMaxGapPoints", "绿色阈值(落后序时进度不超过,个百分点)", false),
        ("yellowMaxGapPoints", "黄色阈值(落后序时进度不超过,个百分点)", false),
        ("startRedAfterMonths", "未开工转红(计划开工后月数)", true),
        ("registrationYellowAfterMonths", "未入库转黄(开工后月数)", true),
        ("registrationRedAfterMonths", "未入库转红(开工后月数)", true),
        ("reportDeadlineDay", "月报报送截止日(次月几日)", true),
        ("weights.investment", "投资完成权重", false),
        ("weights.start", "开工权重", false),
        ("weights.milestones", "节点按期权重", false),
        ("weights.problems", "问题解决权重", false),
        ("weights.reports", "按时报送权重", false),
        ("redListSize", "红榜名额", true),
        ("blackListSize", "黑榜名额", true),
        ("indicators.growthYellowPoints", "指标增速黄色区间(个百分点)", false),
        ("indicators.levelYellowPercent", "指标总量黄色区间(%)", false),
    ];

    public const int BlankExemptionRows = 2;

    /// <summary>Rows read from a post; a year's exemptions are a handful, this bounds what a crafted post can make us read.</summary>
    public const int MaxExemptionRows = 100;

    public string? Basis { get; set; }

    /// <summary>Values by field key, as typed.</summary>
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    public List<ExemptionRow> Exemptions { get; set; } = [];

    /// <summary>The version of the saved rule set the editor started from (0: the year used the defaults).</summary>
    public int? Version { get; set; }

    public string? Value(string key) => Values.TryGetValue(key, out var v) ? v : null;

    /// <summary>
    /// Reads a posted form whose inputs are named by the Domain's keys (<c>weights.investment</c>,
    /// <c>exemptions[0].unitCode</c>). Blank exemption rows are dropped, so row numbers in messages count filled rows.
    /// </summary>
    public static RuleSetForm Read(IFormCollection form)
    {
        var result = new RuleSetForm
        {
            Basis = form["basis"].ToString(),
            Version = int.TryParse(form["version"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null,
        };
        foreach (var (key, _, _) in Fields)
        {
            result.Values[key] = form[key].ToString();
        }

        for (var i = 0; i < MaxExemptionRows; i++)
        {
            var row = new ExemptionRow
            {
                UnitCode = form[$"exemptions[{i}].unitCode"].ToString(),
                From = form[$"exemptions[{i}].from"].ToString(),
                To = form[$"exemptions[{i}].to"].ToString(),
                Reason = form[$"exemptions[{i}].reason"].ToString(),
            };
            if (!row.IsBlank)
            {
                result.Exemptions.Add(row);
            }
        }

        return result;
    }

    public static RuleSetForm From(RuleSet rules, int version)
    {
        var inv = CultureInfo.InvariantCulture;
        string D(decimal d) => d.ToString("0.####", inv);
        string I(int i) => i.ToString(inv);
        var w = rules.Weights;
        var form = new RuleSetForm
        {
            Basis = rules.Basis.ToString(),
            Version = version,
            Values = new(StringComparer.Ordinal)
            {
                ["greenMaxGapPoints"] = D(rules.GreenMaxGapPoints),
                ["yellowMaxGapPoints"] = D(rules.YellowMaxGapPoints),
                ["startRedAfterMonths"] = I(rules.StartRedAfterMonths),
                ["registrationYellowAfterMonths"] = I(rules.RegistrationYellowAfterMonths),
                ["registrationRedAfterMonths"] = I(rules.RegistrationRedAfterMonths),
                ["reportDeadlineDay"] = I(rules.ReportDeadlineDay),
                ["weights.investment"] = D(w.Investment),
                ["weights.start"] = D(w.Start),
                ["weights.milestones"] = D(w.Milestones),
                ["weights.problems"] = D(w.Problems),
                ["weights.reports"] = D(w.Reports),
                ["redListSize"] = I(rules.RedListSize),
                ["blackListSize"] = I(rules.BlackListSize),
                ["indicators.growthYellowPoints"] = D(rules.Indicators.GrowthYellowPoints),
                ["indicators.levelYellowPercent"] = D(rules.Indicators.LevelYellowShare * 100m),
            },
            Exemptions = rules.Exemptions.Select(e => new ExemptionRow
            {
                UnitCode = e.UnitCode,
                From = MonthInput(e.From),
                To = MonthInput(e.To),
                Reason = e.Reason,
            }).ToList(),
        };
        return form;
    }

    /// <summary>
    /// The rule set the inputs describe, on top of <paramref name="saved"/> (so settings the form does not show, such as
    /// the year, are kept). Returns null with the problems (field key → Chinese message naming the field) when an input
    /// is missing or not a number; blank exemption rows are ignored.
    /// </summary>
    public RuleSet? ToRuleSet(RuleSet saved, out List<RuleError> errors)
    {
        var problems = new List<RuleError>();
        errors = problems;
        var numbers = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, label, whole) in Fields)
        {
            var text = Value(key)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                problems.Add(new RuleError(key, $"请填写{label}"));
            }
            else if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
            {
                problems.Add(new RuleError(key, $"{label}应为数字,收到“{text}”"));
            }
            else if (whole && (d != decimal.Truncate(d) || d is > int.MaxValue or < int.MinValue))
            {
                problems.Add(new RuleError(key, $"{label}应为整数,收到“{text}”"));
            }
            else
            {
                numbers[key] = d;
            }
        }

        // By name only: Enum.TryParse would also take "7" and make a basis that does not exist.
        var basis = default(TimeProgressBasis);
        if (!Enum.GetNames<TimeProgressBasis>().Contains(Basis, StringComparer.Ordinal) || !Enum.TryParse(Basis, out basis))
        {
            problems.Add(new RuleError("basis", "请选择序时进度口径"));
        }

        var exemptions = new List<Exemption>();
        foreach (var row in Exemptions.Where(r => !r.IsBlank).Take(MaxExemptionRows))
        {
            var index = exemptions.Count;
            var field = $"exemptions[{index}]";
            var from = ParseMonth(row.From, $"{field}.from", $"第{index + 1}条豁免:起始月份", problems);
            var to = ParseMonth(row.To, $"{field}.to", $"第{index + 1}条豁免:截止月份", problems);
            exemptions.Add(new Exemption(row.UnitCode?.Trim() ?? "", from, to, row.Reason?.Trim() ?? ""));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        int N(string key) => (int)numbers[key];
        return saved with
        {
            Basis = basis,
            GreenMaxGapPoints = numbers["greenMaxGapPoints"],
            YellowMaxGapPoints = numbers["yellowMaxGapPoints"],
            StartRedAfterMonths = N("startRedAfterMonths"),
            RegistrationYellowAfterMonths = N("registrationYellowAfterMonths"),
            RegistrationRedAfterMonths = N("registrationRedAfterMonths"),
            ReportDeadlineDay = N("reportDeadlineDay"),
            Weights = new LeagueWeights
            {
                Investment = numbers["weights.investment"],
                Start = numbers["weights.start"],
                Milestones = numbers["weights.milestones"],
                Problems = numbers["weights.problems"],
                Reports = numbers["weights.reports"],
            },
            RedListSize = N("redListSize"),
            BlackListSize = N("blackListSize"),
            Indicators = new IndicatorRules
            {
                GrowthYellowPoints = numbers["indicators.growthYellowPoints"],
                LevelYellowShare = numbers["indicators.levelYellowPercent"] / 100m,
            },
            Exemptions = exemptions,
        };
    }

    /// <summary>The form's key of a Domain field: the level share is typed as a percentage.</summary>
    public static string FormKey(string domainField) => domainField == "indicators.levelYellowShare" ? "indicators.levelYellowPercent" : domainField;

    private static string MonthInput(int id) => id is >= 190001 and <= 999912 ? $"{id / 100:D4}-{id % 100:D2}" : id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A month typed as yyyy-MM (what a month input sends) or yyyyMM; 0 with a problem otherwise.</summary>
    private static int ParseMonth(string? text, string field, string label, List<RuleError> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new RuleError(field, $"请填写{label}"));
            return 0;
        }

        if (!YearMonth.TryParse(text, out var month))
        {
            problems.Add(new RuleError(field, $"{label}应为“年-月”,如 2023-06,收到“{text.Trim()}”"));
            return 0;
        }

        return month.Id;
    }

    public sealed class ExemptionRow
    {
        public string? UnitCode { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        public string? Reason { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(UnitCode) && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To) && string.IsNullOrWhiteSpace(Reason);
    }
}

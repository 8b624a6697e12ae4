namespace PlanPulse.Domain.Portfolio;

/// <summary>How time progress (序时进度) is measured.</summary>
public enum TimeProgressBasis
{
    /// <summary>Months elapsed ÷ 12, the basis of published practice ("1–9月…高于序时进度18.3个百分点").</summary>
    MonthOverTwelve = 1,

    /// <summary>The project's own planned cumulative curve (winter stops, seasonal work), when it has one.</summary>
    ProjectCurve = 2,
}

/// <summary>
/// The year's rules as data: every threshold and weight the colour and league-table functions use.
/// Defaults follow published county practice (see ../shared/docs/domain.md); an administrator edits them per year.
/// Gaps are in percentage points (个百分点).
/// </summary>
public sealed record RuleSet
{
    public int Year { get; init; }

    public TimeProgressBasis Basis { get; init; } = TimeProgressBasis.MonthOverTwelve;

    /// <summary>Green while completion is no more than this many points behind time progress.</summary>
    public decimal GreenMaxGapPoints { get; init; } = 10m;

    /// <summary>Yellow while no more than this many points behind; red beyond.</summary>
    public decimal YellowMaxGapPoints { get; init; } = 30m;

    /// <summary>Red when still not started this many months after the planned start (yellow before).</summary>
    public int StartRedAfterMonths { get; init; } = 3;

    /// <summary>Yellow when not registered in statistics (入库) this many months after the start.</summary>
    public int RegistrationYellowAfterMonths { get; init; } = 1;

    /// <summary>Red when not registered this many months after the start.</summary>
    public int RegistrationRedAfterMonths { get; init; } = 2;

    /// <summary>A month's report is due on this day of the next month (default the 5th).</summary>
    public int ReportDeadlineDay { get; init; } = 5;

    public LeagueWeights Weights { get; init; } = new();

    /// <summary>Red list: met the target and ranked in the top N of its table; a table of n units uses at most ⌊n/2⌋.</summary>
    public int RedListSize { get; init; } = 3;

    /// <summary>Black list: missed the target and ranked in the bottom N of its table; a table of n units uses at most ⌊n/2⌋.</summary>
    public int BlackListSize { get; init; } = 3;

    /// <summary>Thresholds of indicator colours.</summary>
    public Indicators.IndicatorRules Indicators { get; init; } = new();

    /// <summary>Units left out of the league table for a stated reason (force majeure and the like).</summary>
    public IReadOnlyList<Exemption> Exemptions { get; init; } = [];

    public static RuleSet DefaultFor(int year) => new() { Year = year };

    /// <summary>Checks the rule set is coherent; returns the problems in Chinese, empty when valid.</summary>
    public IReadOnlyList<string> Validate() => Check().Select(e => e.Message).ToList();

    /// <summary>
    /// Checks the rule set is coherent; each problem names its field (the JSON name, e.g. <c>weights.investment</c>,
    /// <c>exemptions[0].to</c>) and says in Chinese what is wrong with it, so an editor can mark the input. Empty when valid.
    /// </summary>
    public IReadOnlyList<RuleError> Check()
    {
        var errors = new List<RuleError>();
        void Add(string field, string message) => errors.Add(new RuleError(field, message));

        if (!Enum.IsDefined(Basis))
        {
            Add("basis", "序时进度口径无效");
        }

        if (GreenMaxGapPoints < 0)
        {
            Add("greenMaxGapPoints", "绿色阈值不能为负数");
        }

        if (YellowMaxGapPoints < GreenMaxGapPoints)
        {
            Add("yellowMaxGapPoints", "黄色阈值应不小于绿色阈值");
        }

        if (StartRedAfterMonths < 1)
        {
            Add("startRedAfterMonths", "开工红色月数应至少为1");
        }

        if (RegistrationYellowAfterMonths < 0)
        {
            Add("registrationYellowAfterMonths", "入库黄色月数不能为负数");
        }

        if (RegistrationRedAfterMonths < RegistrationYellowAfterMonths)
        {
            Add("registrationRedAfterMonths", "入库红色月数应不小于黄色月数");
        }

        if (ReportDeadlineDay is < 1 or > 28)
        {
            Add("reportDeadlineDay", "报送截止日应在1–28日之间");
        }

        var w = Weights;
        foreach (var (field, name, value) in new[]
        {
            ("weights.investment", "投资完成", w.Investment), ("weights.start", "开工", w.Start), ("weights.milestones", "节点按期", w.Milestones),
            ("weights.problems", "问题解决", w.Problems), ("weights.reports", "按时报送", w.Reports),
        })
        {
            if (value < 0)
            {
                Add(field, $"{name}权重不能为负数");
            }
        }

        if (w.Total <= 0)
        {
            Add("weights", "权重之和应大于0");
        }

        if (RedListSize < 0)
        {
            Add("redListSize", "红榜名额不能为负数");
        }

        if (BlackListSize < 0)
        {
            Add("blackListSize", "黑榜名额不能为负数");
        }

        if (Indicators.GrowthYellowPoints < 0)
        {
            Add("indicators.growthYellowPoints", "指标增速黄色阈值不能为负数");
        }

        if (Indicators.LevelYellowShare is < 0 or >= 1)
        {
            Add("indicators.levelYellowShare", "指标总量黄色比例应不小于0且小于1");
        }

        for (var i = 0; i < Exemptions.Count; i++)
        {
            CheckExemption(Exemptions[i], $"exemptions[{i}]", $"第{i + 1}条豁免", Add);
        }

        return errors;
    }

    // An exemption outside the rule set's year would never apply (each year is ranked under its own rules): refused
    // rather than kept as a silent no-op.
    private void CheckExemption(Exemption e, string field, string label, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(e.UnitCode))
        {
            add(field + ".unitCode", $"{label}:请选择单位");
        }

        var fromValid = Periods.YearMonth.TryParse(e.From.ToString(System.Globalization.CultureInfo.InvariantCulture), out var from);
        var toValid = Periods.YearMonth.TryParse(e.To.ToString(System.Globalization.CultureInfo.InvariantCulture), out var to);
        if (!fromValid || from.Year != Year)
        {
            add(field + ".from", $"{label}:起始月份应为{Year}年内的月份");
        }

        if (!toValid || to.Year != Year)
        {
            add(field + ".to", $"{label}:截止月份应为{Year}年内的月份");
        }
        else if (fromValid && from > to)
        {
            add(field + ".to", $"{label}:截止月份不能早于起始月份");
        }

        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            add(field + ".reason", $"{label}:请填写豁免原因");
        }
    }
}

/// <summary>One problem of a rule set: the field it concerns (JSON name) and what is wrong, in Chinese.</summary>
public sealed record RuleError(string Field, string Message);

/// <summary>Weights of the league-table score parts; they need not sum to 1 (the score is normalised).</summary>
public sealed record LeagueWeights
{
    public decimal Investment { get; init; } = 0.5m;

    public decimal Start { get; init; } = 0.15m;

    public decimal Milestones { get; init; } = 0.1m;

    public decimal Problems { get; init; } = 0.1m;

    public decimal Reports { get; init; } = 0.15m;

    public decimal Total => Investment + Start + Milestones + Problems + Reports;
}

/// <summary>A unit exempted from ranking, from <see cref="From"/> to <see cref="To"/> inclusive, with the recorded reason.</summary>
public sealed record Exemption(string UnitCode, int From, int To, string Reason)
{
    public bool Covers(string unitCode, Periods.YearMonth month) =>
        string.Equals(UnitCode, unitCode, StringComparison.Ordinal) && month.Id >= From && month.Id <= To;
}

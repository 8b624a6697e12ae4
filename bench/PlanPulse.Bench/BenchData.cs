using System.Globalization;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Bench;

/// <summary>How a column is written: <see cref="Money"/> values are whole 元 (long) — SQLite stores them as they are,
/// PostgreSQL as numeric 万元 (元 ÷ 10000), exactly as the app's two contexts do.</summary>
internal enum Kind
{
    Int,
    Money,
    Text,
    Timestamp,
    Date,
    Bool,
}

internal sealed record Column(string Name, Kind Kind);

/// <summary>
/// One table to load. <see cref="Produce"/> yields the rows in insertion order; the same array instance is reused
/// for every row, so a writer must consume a row before asking for the next.
/// </summary>
internal sealed record Table(string Name, Column[] Columns, long Rows, Func<IEnumerable<object?[]>> Produce, bool HasIdentity = true);

/// <summary>
/// The generated portfolio: units, people, 3 tracks and 2 lists per year (2021–2023), N projects all on each year's
/// 年度重大建设项目 list, an annual plan per project and year, a monthly report per project and month for the last
/// M months up to 2023-12, reached and planned milestones and some problems.
/// Deterministic: every value is a hash of (seed, what, project, month), so rows can be produced in any order
/// (reports are produced month by month, the order they arrive in real life) without holding them in memory.
/// </summary>
internal sealed class BenchData
{
    /// <summary>Bump when the generated data changes, so cached SQLite files are rebuilt.</summary>
    public const int GeneratorVersion = 1;

    public const int FirstYear = 2021;
    public const int LastYear = 2023;
    public const int Years = LastYear - FirstYear + 1;
    public const string ParamsKey = "bench-params";

    public static readonly YearMonth LastMonth = new(LastYear, 12);

    public const int Departments = 36;
    public const int Towns = 19;
    public const int Owners = 60;
    public const int Leads = 12;
    public const int Commissioners = 200;

    // Unit ids: 1 general command, 2..4 track commands, then departments, towns, owners.
    private const int FirstDepartment = 5;
    private const int FirstTown = FirstDepartment + Departments;
    private const int FirstOwner = FirstTown + Towns;

    private static readonly string[] TrackNames = ["具有全球影响力的新材料高地", "世界级运动康养旅游目的地", "中国长寿生命科学城"];
    private static readonly int[] Season = [6, 6, 8, 8, 9, 9, 8, 8, 9, 9, 10, 10]; // sums to 100
    private static readonly string[] ProgressTexts =
    [
        "主体结构施工中", "完成基础施工,开始主体施工", "厂房钢结构吊装", "设备安装调试", "场平及土石方施工",
        "道路路基施工", "管网敷设", "装饰装修施工", "室外配套工程施工", "桩基施工",
    ];

    private static readonly string[] ProblemTexts =
    [
        "项目用地指标尚未落实,需区规划自然资源局协调", "环评批复办理进度滞后", "地方政府专项债券资金未及时拨付",
        "施工许可审批材料需补正", "征地拆迁涉及群众诉求尚未化解", "电力接入方案尚未确定", "施工用水用电保障不足",
    ];

    private readonly int _seed;
    private readonly int[] _track;
    private readonly int[] _town;
    private readonly int[] _owner;
    private readonly int[] _dept;
    private readonly int[] _lead;
    private readonly int[] _commissioner;
    private readonly Phase[] _phase;
    private readonly long[] _total;
    private readonly YearMonth[] _plannedStart;
    private readonly YearMonth?[] _actualStart;
    private readonly YearMonth?[] _registered;
    private readonly YearMonth?[] _mainStructure;
    private readonly double[] _pace;
    private readonly bool[] _lateProne;
    private readonly bool[] _hasCurve;
    private readonly bool[] _special;
    private readonly long[][] _plan; // [year index][project index], 元

    public BenchData(int projects, int months, int seed)
    {
        Projects = projects;
        Months = months;
        _seed = seed;
        FirstReportMonth = LastMonth.AddMonths(-(months - 1));
        _track = new int[projects];
        _town = new int[projects];
        _owner = new int[projects];
        _dept = new int[projects];
        _lead = new int[projects];
        _commissioner = new int[projects];
        _phase = new Phase[projects];
        _total = new long[projects];
        _plannedStart = new YearMonth[projects];
        _actualStart = new YearMonth?[projects];
        _registered = new YearMonth?[projects];
        _mainStructure = new YearMonth?[projects];
        _pace = new double[projects];
        _lateProne = new bool[projects];
        _hasCurve = new bool[projects];
        _special = new bool[projects];
        _plan = [.. Enumerable.Range(0, Years).Select(_ => new long[projects])];

        for (var i = 0; i < projects; i++)
        {
            var t = U(1, i);
            _track[i] = t < 0.42 ? 0 : t < 0.64 ? 1 : 2;
            _town[i] = R(Towns, 2, i);
            _owner[i] = R(Owners, 3, i);
            _dept[i] = (int)(Departments * Math.Pow(U(4, i), 1.6)); // some departments answer for many more projects
            _lead[i] = 1 + R(Leads, 5, i);
            _commissioner[i] = U(6, i) < 0.1 ? 1 + Leads + R(Commissioners, 7, i) : 0;
            _total[i] = (long)Math.Clamp(Math.Exp(Math.Log(3e8) + Normal(8, i)), 5e6, 5e10);

            var start = U(9, i) < 0.05
                ? new YearMonth(LastYear + 1, 1 + R(6, 10, i))
                : new YearMonth(2019, 1).AddMonths(R(57, 10, i)); // 2019-01..2023-09
            _plannedStart[i] = start;
            _phase[i] = start.Year > LastYear ? Phase.Preparation
                : start.Year == LastYear ? Phase.NewStart
                : U(11, i) switch { < 0.8 => Phase.Continuing, < 0.92 => Phase.Completion, _ => Phase.Operation };

            var delay = U(12, i) switch { < 0.7 => 0, < 0.85 => 1 + R(2, 13, i), < 0.95 => 3 + R(3, 13, i), _ => 99 };
            var actual = start.AddMonths(delay);
            if (delay < 99 && actual <= LastMonth)
            {
                _actualStart[i] = actual;
                var reg = actual.AddMonths(U(14, i) switch { < 0.8 => 1, < 0.92 => 2, _ => 4 });
                _registered[i] = reg <= LastMonth ? reg : null;
                var ms = actual.AddMonths(12 + R(12, 15, i));
                _mainStructure[i] = U(16, i) < 0.15 && ms <= LastMonth ? ms : null;
            }

            _pace[i] = (0.6 + (0.9 * U(17, i))) * (U(18, i) < 0.06 ? 1.6 : 1.0);
            _lateProne[i] = U(19, i) < 0.08;
            _hasCurve[i] = U(20, i) < 0.7;
            _special[i] = U(21, i) < 0.02;

            for (var y = 0; y < Years; y++)
            {
                var year = FirstYear + y;
                _plan[y][i] = start.Year <= year ? RoundWan(_total[i] * (0.12 + (0.25 * U(22, i, year)))) : 0;
            }
        }
    }

    public int Projects { get; }

    public int Months { get; }

    public YearMonth FirstReportMonth { get; }

    public long ReportRows => (long)Projects * Months;

    public string Fingerprint => $"v{GeneratorVersion};projects={Projects};months={Months};seed={_seed}";

    public static int TrackId(int year, int t) => ((year - FirstYear) * 3) + t + 1;

    public static int ListId(int year, bool annual) => ((year - FirstYear) * 2) + (annual ? 1 : 2);

    public int PlanId(int year, int i) => ((year - FirstYear) * Projects) + i + 1;

    /// <summary>Tables in foreign-key order.</summary>
    public IReadOnlyList<Table> Tables() =>
    [
        new("Units", Cols(("Id", Kind.Int), ("Code", Kind.Text), ("Name", Kind.Text), ("Type", Kind.Int), ("ParentId", Kind.Int), ("Path", Kind.Text), ("SortOrder", Kind.Int), ("Version", Kind.Int)), FirstOwner + Owners - 1, UnitRows),
        new("People", Cols(("Id", Kind.Int), ("Name", Kind.Text), ("Role", Kind.Int), ("Title", Kind.Text), ("UnitId", Kind.Int), ("Version", Kind.Int)), Leads + Commissioners, PeopleRows),
        new("Tracks", Cols(("Id", Kind.Int), ("Year", Kind.Int), ("Code", Kind.Text), ("Name", Kind.Text), ("CommandId", Kind.Int), ("SortOrder", Kind.Int), ("Version", Kind.Int)), Years * 3, TrackRows),
        new("ProjectLists", Cols(("Id", Kind.Int), ("Year", Kind.Int), ("Code", Kind.Text), ("Name", Kind.Text), ("SortOrder", Kind.Int), ("Version", Kind.Int)), Years * 2, ListRows),
        new("Projects", Cols(
            ("Id", Kind.Int), ("Code", Kind.Text), ("Name", Kind.Text), ("Content", Kind.Text), ("TrackId", Kind.Int), ("Phase", Kind.Int), ("TownId", Kind.Int),
            ("OwnerId", Kind.Int), ("ResponsibleUnitId", Kind.Int), ("LeadOfficialId", Kind.Int), ("CommissionerId", Kind.Int), ("CommandId", Kind.Int),
            ("TotalInvestment", Kind.Money), ("PlannedStart", Kind.Date), ("PlannedFinish", Kind.Date), ("FundCentralBudget", Kind.Money), ("FundSpecialBonds", Kind.Money),
            ("FundBankLoans", Kind.Money), ("FundSelfRaised", Kind.Money), ("FundOther", Kind.Money), ("IsDemo", Kind.Bool), ("Version", Kind.Int)), Projects, ProjectRows),
        new("ProjectListEntries", Cols(("ProjectListId", Kind.Int), ("ProjectId", Kind.Int)), -1, EntryRows, HasIdentity: false),
        new("AnnualPlans", Cols(("Id", Kind.Int), ("ProjectId", Kind.Int), ("Year", Kind.Int), ("PlannedInvestment", Kind.Money), ("CompletedBeforeYear", Kind.Money), ("MonthlyCumulative", Kind.Text), ("Version", Kind.Int)), (long)Years * Projects, PlanRows),
        new("PlannedMilestones", Cols(("Id", Kind.Int), ("AnnualPlanId", Kind.Int), ("Kind", Kind.Int), ("DueMonth", Kind.Int)), -1, PlannedMilestoneRows),
        new("MonthlyReports", Cols(("Id", Kind.Int), ("ProjectId", Kind.Int), ("Month", Kind.Int), ("Amount", Kind.Money), ("Progress", Kind.Text), ("CorrectionNote", Kind.Text), ("Status", Kind.Int), ("SubmittedBy", Kind.Text), ("SubmittedAt", Kind.Timestamp), ("Version", Kind.Int)), ReportRows, ReportRowsProducer),
        new("ReachedMilestones", Cols(("Id", Kind.Int), ("ProjectId", Kind.Int), ("Kind", Kind.Int), ("Month", Kind.Int), ("RecordedAt", Kind.Timestamp)), -1, ReachedRows),
        new("Problems", Cols(("Id", Kind.Int), ("ProjectId", Kind.Int), ("Description", Kind.Text), ("Category", Kind.Int), ("Level", Kind.Int), ("OwnerUnitId", Kind.Int), ("RaisedMonth", Kind.Int), ("Deadline", Kind.Date), ("Status", Kind.Int), ("ResolvedOn", Kind.Date), ("Resolution", Kind.Text), ("Version", Kind.Int)), Math.Max(1, Projects / 10), ProblemRows),
        new("Settings", Cols(("Key", Kind.Text), ("Value", Kind.Text)), 1, SettingRows, HasIdentity: false),
    ];

    private static Column[] Cols(params (string Name, Kind Kind)[] cols) => [.. cols.Select(c => new Column(c.Name, c.Kind))];

    private IEnumerable<object?[]> UnitRows()
    {
        var units = new List<(int Id, string Code, string Name, UnitType Type, int? Parent, string Path, int Order)>
        {
            (1, "GC", "“3113”项目攻坚总指挥部", UnitType.Command, null, "/GC/", 0),
        };
        units.AddRange(Enumerable.Range(0, 3).Select(t => (2 + t, $"GC-T{t + 1}", $"{TrackNames[t]}专项指挥部", UnitType.Command, (int?)1, $"/GC/GC-T{t + 1}/", t + 1)));
        units.AddRange(Enumerable.Range(0, Departments).Select(d => (FirstDepartment + d, $"D-{d + 1:00}", $"区级部门{d + 1:00}", UnitType.Department, (int?)null, $"/D-{d + 1:00}/", d + 1)));
        units.AddRange(Enumerable.Range(0, Towns).Select(t => (FirstTown + t, $"T{t + 1:00}", $"街镇{t + 1:00}", UnitType.Town, (int?)null, $"/T{t + 1:00}/", t + 1)));
        units.AddRange(Enumerable.Range(0, Owners).Select(o => (FirstOwner + o, $"O{o + 1:00}", $"业主单位{o + 1:00}有限公司", UnitType.Owner, (int?)null, $"/O{o + 1:00}/", o + 1)));
        var row = new object?[8];
        foreach (var u in units)
        {
            (row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]) = (u.Id, u.Code, u.Name, (int)u.Type, u.Parent, u.Path, u.Order, 0);
            yield return row;
        }
    }

    private IEnumerable<object?[]> PeopleRows()
    {
        var row = new object?[6];
        for (var p = 1; p <= Leads + Commissioners; p++)
        {
            var lead = p <= Leads;
            (row[0], row[1], row[2], row[3], row[4], row[5]) = (
                p,
                lead ? $"区领导{p:00}" : $"服务专员{p - Leads:000}",
                (int)(lead ? 1 : 2),
                lead ? "副区长" : "服务专员",
                lead ? null : FirstDepartment + (p % Departments),
                0);
            yield return row;
        }
    }

    private IEnumerable<object?[]> TrackRows()
    {
        var row = new object?[7];
        for (var year = FirstYear; year <= LastYear; year++)
        {
            for (var t = 0; t < 3; t++)
            {
                (row[0], row[1], row[2], row[3], row[4], row[5], row[6]) = (TrackId(year, t), year, $"track-{t + 1}", TrackNames[t], 2 + t, t + 1, 0);
                yield return row;
            }
        }
    }

    private IEnumerable<object?[]> ListRows()
    {
        var row = new object?[6];
        for (var year = FirstYear; year <= LastYear; year++)
        {
            (row[0], row[1], row[2], row[3], row[4], row[5]) = (ListId(year, true), year, "annual-major", "年度重大建设项目", 1, 0);
            yield return row;
            (row[0], row[1], row[2], row[3], row[4], row[5]) = (ListId(year, false), year, "special-major", "特别重大项目", 2, 0);
            yield return row;
        }
    }

    private IEnumerable<object?[]> ProjectRows()
    {
        var row = new object?[22];
        for (var i = 0; i < Projects; i++)
        {
            var total = _total[i];
            var w = new[] { 0.1 * U(30, i), 0.25 * U(31, i), 0.4 * U(32, i), 0.3 + (0.4 * U(33, i)), 0.05 * U(34, i) };
            var sum = w.Sum();
            var funds = w.Select(x => (long)(total * (x / sum))).ToArray();
            funds[3] += total - funds.Sum();
            var finish = _plannedStart[i].AddMonths(24 + R(24, 35, i));
            row[0] = i + 1;
            row[1] = $"BP{i + 1:000000}";
            row[2] = $"基准测试项目{i + 1:000000}({TrackNames[_track[i]]})";
            row[3] = $"新建厂房、道路及配套设施,总建筑面积约{1 + R(50, 36, i)}万平方米";
            row[4] = TrackId(LastYear, _track[i]);
            row[5] = (int)_phase[i];
            row[6] = FirstTown + _town[i];
            row[7] = FirstOwner + _owner[i];
            row[8] = FirstDepartment + _dept[i];
            row[9] = _lead[i];
            row[10] = _commissioner[i] == 0 ? null : _commissioner[i];
            row[11] = 2 + _track[i];
            row[12] = total;
            row[13] = _plannedStart[i].FirstDay;
            row[14] = new DateOnly(finish.Year, finish.Month, 28);
            (row[15], row[16], row[17], row[18], row[19]) = (funds[0], funds[1], funds[2], funds[3], funds[4]);
            row[20] = false;
            row[21] = 0;
            yield return row;
        }
    }

    private IEnumerable<object?[]> EntryRows()
    {
        var row = new object?[2];
        for (var year = FirstYear; year <= LastYear; year++)
        {
            foreach (var annual in new[] { true, false })
            {
                for (var i = 0; i < Projects; i++)
                {
                    if (annual || _special[i])
                    {
                        (row[0], row[1]) = (ListId(year, annual), i + 1);
                        yield return row;
                    }
                }
            }
        }
    }

    private IEnumerable<object?[]> PlanRows()
    {
        var row = new object?[7];
        for (var year = FirstYear; year <= LastYear; year++)
        {
            var y = year - FirstYear;
            for (var i = 0; i < Projects; i++)
            {
                var plan = _plan[y][i];
                var start = _plannedStart[i];
                var yearsBefore = year - start.Year;
                row[0] = PlanId(year, i);
                row[1] = i + 1;
                row[2] = year;
                row[3] = plan;
                row[4] = yearsBefore > 0 ? RoundWan(_total[i] * Math.Min(0.9, 0.2 * yearsBefore)) : 0L;
                row[5] = plan > 0 && _hasCurve[i] ? Curve(plan, start.Year == year ? start.Month : 1) : null;
                row[6] = 0;
                yield return row;
            }
        }
    }

    /// <summary>Planned cumulative 万元 at each month end, "a;b;…" as the app's converter writes decimal[] (invariant culture).</summary>
    private static string Curve(long planYuan, int firstMonth)
    {
        var weight = Season.Select((s, m) => m + 1 < firstMonth ? 0 : s).ToArray();
        var sum = weight.Sum();
        var parts = new string[12];
        long run = 0, acc = 0;
        for (var m = 0; m < 12; m++)
        {
            acc += weight[m];
            run = m == 11 ? planYuan : planYuan * acc / sum;
            parts[m] = (run / 10000m).ToString(CultureInfo.InvariantCulture);
        }

        return string.Join(";", parts);
    }

    private IEnumerable<object?[]> PlannedMilestoneRows()
    {
        var row = new object?[4];
        var id = 0;
        for (var year = FirstYear; year <= LastYear; year++)
        {
            for (var i = 0; i < Projects; i++)
            {
                var start = _plannedStart[i];
                var planId = PlanId(year, i);
                if (start.Year == year)
                {
                    (row[0], row[1], row[2], row[3]) = (++id, planId, (int)MilestoneKind.Start, start.Id);
                    yield return row;
                    var reg = start.AddMonths(1);
                    (row[0], row[1], row[2], row[3]) = (++id, planId, (int)MilestoneKind.Registered, reg.Year == year ? reg.Id : new YearMonth(year, 12).Id);
                    yield return row;
                }
                else if (start.Year < year && U(40, i, year) < 0.2)
                {
                    (row[0], row[1], row[2], row[3]) = (++id, planId, (int)MilestoneKind.MainStructure, new YearMonth(year, 1 + R(12, 41, i, year)).Id);
                    yield return row;
                }
            }
        }
    }

    private IEnumerable<object?[]> ReachedRows()
    {
        var row = new object?[5];
        var id = 0;
        for (var i = 0; i < Projects; i++)
        {
            foreach (var (kind, at) in new[] { (MilestoneKind.Start, _actualStart[i]), (MilestoneKind.Registered, _registered[i]), (MilestoneKind.MainStructure, _mainStructure[i]) })
            {
                if (at is { } m)
                {
                    (row[0], row[1], row[2], row[3], row[4]) = (++id, i + 1, (int)kind, m.Id, BeijingToUtc(m.AddMonths(1), 3, 9 + R(8, 50, i, (int)kind), R(60, 51, i, (int)kind)));
                    yield return row;
                }
            }
        }
    }

    private IEnumerable<object?[]> ReportRowsProducer()
    {
        var row = new object?[10];
        var progress = Enumerable.Range(1, 12).Select(m => ProgressTexts.Select(t => $"{m}月:{t}").ToArray()).ToArray();
        const string NotStarted = "前期手续办理中,尚未开工";
        long id = 0;
        for (var month = FirstReportMonth; month <= LastMonth; month = month.AddMonths(1))
        {
            var y = month.Year - FirstYear;
            var next = month.AddMonths(1);
            for (var i = 0; i < Projects; i++)
            {
                var started = _actualStart[i] is { } a && a <= month;
                var amount = started ? (long)Math.Round(_plan[y][i] * Season[month.Month - 1] / 100.0 * _pace[i] * (0.6 + (0.8 * U(60, i, month.Id)))) : 0L;
                var s = U(61, i, month.Id);
                var status = s < 0.01 ? ReportStatus.Draft : s < 0.015 ? ReportStatus.Returned : month == LastMonth ? ReportStatus.Submitted : ReportStatus.Approved;
                var late = U(62, i, month.Id) < (_lateProne[i] ? 0.3 : 0.03);
                var day = late ? 6 + R(7, 63, i, month.Id) : 1 + R(5, 63, i, month.Id);
                row[0] = (int)++id;
                row[1] = i + 1;
                row[2] = month.Id;
                row[3] = amount;
                row[4] = started ? progress[month.Month - 1][R(10, 64, i)] : NotStarted;
                row[5] = null;
                row[6] = (int)status;
                row[7] = status == ReportStatus.Draft ? null : "bench";
                row[8] = status == ReportStatus.Draft ? null : BeijingToUtc(next, day, 8 + R(10, 65, i, month.Id), R(60, 66, i, month.Id));
                row[9] = 0;
                yield return row;
            }
        }
    }

    private IEnumerable<object?[]> ProblemRows()
    {
        var row = new object?[12];
        var count = Math.Max(1, Projects / 10);
        ProblemCategory[] categories = [ProblemCategory.Land, ProblemCategory.Environment, ProblemCategory.Funding, ProblemCategory.Approval, ProblemCategory.Relocation, ProblemCategory.Other];
        var lastDay = LastMonth.LastDay;
        for (var k = 0; k < count; k++)
        {
            var i = R(Projects, 70, k);
            var raised = FirstReportMonth.AddMonths(R(Months, 71, k));
            var deadline = raised.AddMonths(1 + R(2, 72, k)).LastDay;
            var outcome = U(73, k);
            DateOnly? resolved = outcome < 0.6 ? deadline.AddDays(-R(20, 74, k)) : outcome < 0.8 ? deadline.AddDays(5 + R(30, 74, k)) : null;
            if (resolved > lastDay)
            {
                resolved = null;
            }

            var level = U(75, k) switch { < 0.5 => EscalationLevel.Unit, < 0.85 => EscalationLevel.TrackCommand, _ => EscalationLevel.GeneralCommand };
            var text = R(ProblemTexts.Length, 76, k);
            row[0] = k + 1;
            row[1] = i + 1;
            row[2] = ProblemTexts[text];
            row[3] = (int)categories[Math.Min(text, categories.Length - 1)];
            row[4] = (int)level;
            row[5] = level switch { EscalationLevel.Unit => FirstDepartment + _dept[i], EscalationLevel.TrackCommand => 2 + _track[i], _ => 1 };
            row[6] = raised.Id;
            row[7] = deadline;
            row[8] = (int)(resolved is null ? ProblemStatus.Open : ProblemStatus.Resolved);
            row[9] = resolved;
            row[10] = resolved is null ? null : "经指挥部协调,相关部门已办结";
            row[11] = 0;
            yield return row;
        }
    }

    private IEnumerable<object?[]> SettingRows()
    {
        yield return [ParamsKey, Fingerprint];
    }

    private static long RoundWan(double yuan) => (long)Math.Round(yuan / 10000.0) * 10000;

    /// <summary>A Beijing wall-clock time on <paramref name="day"/> of <paramref name="month"/>, as UTC (kind Utc, as PostgreSQL needs).</summary>
    private static DateTime BeijingToUtc(YearMonth month, int day, int hour, int minute) =>
        new DateTime(month.Year, month.Month, Math.Min(day, 28), hour, minute, 0, DateTimeKind.Utc) - ReportingCalendar.ChinaOffset;

    private double Normal(int stream, int i)
    {
        var u1 = 1.0 - U(stream, i, 1);
        var u2 = U(stream, i, 2);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private int R(int n, int stream, int a, int b = 0) => Math.Min(n - 1, (int)(U(stream, a, b) * n));

    /// <summary>A uniform [0, 1) that depends only on (seed, stream, a, b): SplitMix64 finalizer.</summary>
    private double U(int stream, int a, int b = 0)
    {
        var h = Mix(Mix(Mix(((ulong)(uint)_seed << 20) ^ (ulong)(uint)stream) ^ (ulong)(uint)a) ^ (ulong)(uint)b);
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Documents;
using PlanPulse.App.Features.KeyTasks;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Projects;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Domain.Tasks;

namespace PlanPulse.App.Features.Briefing;

public sealed record RedProjectRow(string Code, string Name, string ResponsibleUnit, string? Owner, string? LeadOfficial, string? Command, decimal AnnualPlan, decimal Completed, decimal? CompletionRate, string Reason);

public sealed record CommandProblems(string Command, int Open, int Overdue, IReadOnlyList<ProblemDto> Items);

/// <summary>Everything the month's 通报 says, computed once: from one evaluation of this month and one of the last.</summary>
public sealed record BriefingModel(
    YearMonth Month,
    PortfolioSummaryDto Summary,
    IReadOnlyList<GroupDto> ByTier,
    IReadOnlyList<TrendPointDto> Trend,
    int Completions,
    IReadOnlyList<RedProjectRow> Red,
    IReadOnlyList<RankingTableDto> Rankings,
    IReadOnlyList<CommandProblems> Problems,
    DateOnly IssuedOn,
    KeyTaskSummary KeyTasks);

/// <summary>
/// The monthly briefing (重大项目推进情况通报) the plan office issues after each month's deadline: the figures, the
/// colour distribution, the red projects with their reasons and owners, the league tables with rank changes and the
/// open problems by command. As a GB/T 9704 Word document and as an Excel workbook with the same tables.
/// </summary>
public static class MonthlyBriefing
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static async Task<BriefingModel> BuildAsync(AppDbContext db, YearMonth month, string? list = null, CancellationToken ct = default)
    {
        var now = await PortfolioEvaluator.EvaluateAsync(db, month, list, ct);
        var before = month.Month > 1 ? await PortfolioEvaluator.EvaluateAsync(db, month.AddMonths(-1), list, ct) : null;
        var summary = PortfolioSummary.From(now, await DemoMarker.IsDemoAsync(db, ct));
        var byTier = Rollup.By(now.Projects, p => p.Lists, p => p.Line).Select(GroupDto.From).ToList();
        var trend = await PortfolioTrend.GetAsync(db, month, list, ct);

        var ids = now.Projects.Select(p => p.Id).ToList();
        var first = new YearMonth(month.Year, 1).Id;
        var completions = await db.ReachedMilestones
            .Where(r => r.Kind == MilestoneKind.Completion && r.Month >= first && r.Month <= month.Id && ids.Contains(r.ProjectId))
            .Select(r => r.ProjectId).Distinct().CountAsync(ct);

        var red = now.Projects.Where(p => p.Colour == Colour.Red)
            .OrderBy(p => p.Verdict.CompletionRate ?? 0).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new RedProjectRow(p.Code, p.Name, p.ResponsibleUnit, p.Owner, p.LeadOfficial, p.Command, p.AnnualPlan, p.Completed, p.Verdict.CompletionRate, p.Verdict.Reason))
            .ToList();

        var rankings = Rankings.RankedTypes.Select(t => Rankings.Table(now, before, t)).ToList();

        var commandOf = now.Projects.ToDictionary(p => p.Id, p => p.Command ?? "未定指挥部");
        var open = await ProjectQueries.ProblemsAsync(db, month, open: true, ct: ct);
        var problems = open.Where(p => commandOf.ContainsKey(p.ProjectId))
            .GroupBy(p => commandOf[p.ProjectId])
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CommandProblems(g.Key, g.Count(), g.Count(p => p.Overdue), g.OrderByDescending(p => p.Overdue).ThenBy(p => p.Deadline).ToList()))
            .ToList();

        // Key tasks are judged the day after the month's notes were due, so the month's own notes count and a task due
        // on the last day of the month is already late; from the data alone, as every figure of the briefing is.
        var issued = ReportingCalendar.DeadlineDay(month, now.Rules);
        var keyTasks = await KeyTaskQueries.SummaryAsync(db, month.Year, issued.AddDays(1), ct);
        return new BriefingModel(month, summary, byTier, trend, completions, red, rankings, problems, issued, keyTasks);
    }

    public static string Title(BriefingModel m) => $"关于{m.Month.Year}年{m.Month.Month}月{m.Summary.ListName}推进情况的通报";

    /// <summary>The opening paragraph with the month's figures, in the words briefings use.</summary>
    public static string SummaryParagraph(BriefingModel m)
    {
        var s = m.Summary;
        var rate = s.CompletionRate ?? 0;
        var gap = (rate - s.TimeProgress) * 100;
        var pace = gap >= 0 ? $"快于序时进度{gap:0.0}个百分点" : $"慢于序时进度{-gap:0.0}个百分点";
        return $"截至{m.Month.Month}月底,全区{s.Projects}个{s.ListName}总投资{YiText(s.TotalInvestment)}亿元,年度计划投资{YiText(s.AnnualPlan)}亿元,"
            + $"累计完成投资{YiText(s.Completed)}亿元,完成年度计划的{rate.ToString("P1", Zh)},序时进度{s.TimeProgress.ToString("P1", Zh)},{pace}。"
            + $"{m.Month.Year}年以来新开工项目{s.NewStarts}个,竣工项目{m.Completions}个;尚未解决的问题{s.OpenProblems}个。";
    }

    public static string ColourParagraph(BriefingModel m)
    {
        var c = m.Summary.Colours;
        return $"按赋色规则,蓝色(已完成年度计划){c.Blue}个、绿色{c.Green}个、黄色{c.Yellow}个、红色{c.Red}个、灰色(未按时报送){c.Grey}个。"
            + (c.Red + c.Grey > 0 ? "红色、灰色项目的责任单位要逐一分析原因,制定整改措施,下月报送整改情况。" : "全部项目进度正常。");
    }

    /// <summary>The key-task paragraph: counts by the status shown, overdue among them, and what the lead units must do.</summary>
    public static string KeyTaskParagraph(BriefingModel m)
    {
        var k = m.KeyTasks;
        if (k.Total == 0)
        {
            return $"{m.Month.Year}年重点任务清单尚未列出任务。";
        }

        var by = k.ByStatus;
        return $"截至{m.Month.Month}月底,{m.Month.Year}年重点任务共{k.Total}项,其中已完成{by[KeyTaskStatus.Done]}项、推进中{by[KeyTaskStatus.InProgress]}项、"
            + $"未启动{by[KeyTaskStatus.NotStarted]}项、滞后{by[KeyTaskStatus.Lagging]}项(其中逾期未完成{k.Overdue}项)。"
            + (k.Behind.Count > 0 ? "滞后任务的牵头单位要说明原因,明确整改措施和完成时间,下月报送进展。" : "各项任务按计划推进。");
    }

    public static byte[] ToDocx(BriefingModel m, string issuer = "区发展改革委(区重大项目推进总指挥部办公室)")
    {
        var s = m.Summary;
        var doc = new OfficialDocument()
            .Title(Title(m))
            .Addressee("各街镇,区级有关部门,各专项指挥部:")
            .Paragraph($"现将{m.Month.Year}年{m.Month.Month}月{s.ListName}推进情况通报如下。" + (s.DemoData ? "(本通报数据为演示数据。)" : string.Empty))
            .Heading1("一、总体情况")
            .Paragraph(SummaryParagraph(m))
            .Image(TrendChart(m), Charts.Width, Charts.Height, "累计完成率与序时进度")
            .Table("表1 分专项推进情况", GroupHeaders, m.Summary.Tracks.Select(GroupRow).ToList(), NumericGroupColumns)
            .Table("表2 分层级推进情况", GroupHeaders, m.ByTier.Select(GroupRow).ToList(), NumericGroupColumns)
            .Heading1("二、赋色情况")
            .Paragraph(ColourParagraph(m))
            .Image(ColourChart(m), Charts.Width, Charts.Height, "项目赋色分布");

        doc.Heading1("三、红色项目");
        if (m.Red.Count == 0)
        {
            doc.Paragraph("本月无红色项目。");
        }
        else
        {
            doc.Paragraph($"以下{m.Red.Count}个项目进度严重滞后(赋色为红),请责任单位和牵头区领导高度重视,专项指挥部加强调度。")
                .Table("表3 红色项目清单", ["序号", "项目名称", "责任单位", "业主单位", "完成率", "原因"], m.Red.Select((r, i) => (IReadOnlyList<string>)
                [
                    (i + 1).ToString(CultureInfo.InvariantCulture), r.Name, r.ResponsibleUnit, r.Owner ?? "—", r.CompletionRate?.ToString("P1", Zh) ?? "—", r.Reason,
                ]).ToList(), new HashSet<int> { 0, 4 });
        }

        doc.Heading1("四、赛马比拼情况");
        var n = 4;
        foreach (var t in m.Rankings)
        {
            var redList = t.Rows.Where(r => r.RedList).Select(r => r.UnitName).ToList();
            var blackList = t.Rows.Where(r => r.BlackList).Select(r => r.UnitName).ToList();
            doc.Paragraph($"{t.Name}:共{t.Rows.Count}个单位参与排名。"
                + (redList.Count > 0 ? $"进入红榜的有{string.Join("、", redList)};" : "本月无单位进入红榜;")
                + (blackList.Count > 0 ? $"进入黑榜的有{string.Join("、", blackList)},请对照问题限期整改。" : "本月无单位进入黑榜。"));
            doc.Table($"表{n++} {t.Name}赛马排名", ["名次", "单位", "项目数", "得分", "完成率", "名次变化", "红黑榜"], t.Rows.Select(r => (IReadOnlyList<string>)
            [
                r.Rank.ToString(CultureInfo.InvariantCulture), r.UnitName, r.Projects.ToString(CultureInfo.InvariantCulture), r.Score.ToString("0.00", CultureInfo.InvariantCulture),
                r.CompletionRate?.ToString("P1", Zh) ?? "—", RankChange(r.RankChange), r.RedList ? "红榜" : r.BlackList ? "黑榜" : string.Empty,
            ]).ToList(), new HashSet<int> { 0, 2, 3, 4 }, (row, col) => col == 6 ? ListFill(t.Rows[row]) : null);
        }

        doc.Heading1("五、问题协调解决情况");
        if (m.Problems.Count == 0)
        {
            doc.Paragraph("本月无未解决问题。");
        }
        else
        {
            doc.Paragraph($"截至{m.Month.Month}月底,尚有{m.Problems.Sum(p => p.Open)}个问题未解决,其中超期{m.Problems.Sum(p => p.Overdue)}个。"
                + string.Join(";", m.Problems.Select(p => $"{p.Command}{p.Open}个(超期{p.Overdue}个)")) + "。请各指挥部加快协调,按期销号。");
            doc.Table($"表{n} 未解决问题清单", ["指挥部", "项目", "问题", "责任单位", "办结时限", "状态"], m.Problems.SelectMany(g => g.Items.Select(p => (IReadOnlyList<string>)
            [
                g.Command, p.ProjectName, p.Description, p.OwnerUnit, p.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Overdue ? "超期" : p.Status,
            ])).ToList());
        }

        doc.Heading1("六、重点任务推进情况");
        doc.Paragraph(KeyTaskParagraph(m));
        if (m.KeyTasks.Behind.Count > 0)
        {
            doc.Table($"表{(m.Problems.Count == 0 ? n : n + 1)} 滞后重点任务清单", ["序号", "重点任务", "牵头单位", "完成时限", "状态", "原因"], m.KeyTasks.Behind.Select((t, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), t.Text, t.LeadUnit ?? "未定", t.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—",
                t.Overdue ? "逾期未完成" : t.Status, t.Reason,
            ]).ToList(), new HashSet<int> { 0 });
        }

        doc.Signature(issuer, m.IssuedOn);
        return doc.ToBytes();
    }

    /// <summary>The same content as sheets, colours as cell fills.</summary>
    public static byte[] ToXlsx(BriefingModel m)
    {
        var s = m.Summary;
        var sheets = new Dictionary<string, object>
        {
            ["总体情况"] = new List<Dictionary<string, object?>>
            {
                Kv("月份", m.Month.ToChinese()),
                Kv("清单", s.ListName),
                Kv("项目数(个)", s.Projects),
                Kv("总投资(亿元)", Yi(s.TotalInvestment)),
                Kv("年度计划投资(亿元)", Yi(s.AnnualPlan)),
                Kv("累计完成投资(亿元)", Yi(s.Completed)),
                Kv("完成率", Pct(s.CompletionRate)),
                Kv("序时进度", Pct(s.TimeProgress)),
                Kv("新开工(个)", s.NewStarts),
                Kv("竣工(个)", m.Completions),
                Kv("未解决问题(个)", s.OpenProblems),
                Kv("蓝色", s.Colours.Blue),
                Kv("绿色", s.Colours.Green),
                Kv("黄色", s.Colours.Yellow),
                Kv("红色", s.Colours.Red),
                Kv("灰色", s.Colours.Grey),
                Kv("说明", SummaryParagraph(m)),
                Kv("数据", s.DemoData ? "演示数据" : "正式数据"),
            },
            [ChartSheet] = ChartRows(),
            ["分专项"] = m.Summary.Tracks.Select(GroupSheetRow).ToList(),
            ["分层级"] = m.ByTier.Select(GroupSheetRow).ToList(),
            ["红色项目"] = m.Red.Select((r, i) => new Dictionary<string, object?>
            {
                ["序号"] = i + 1,
                ["项目代码"] = r.Code,
                ["项目名称"] = r.Name,
                ["责任单位"] = r.ResponsibleUnit,
                ["业主单位"] = r.Owner,
                ["牵头区领导"] = r.LeadOfficial,
                ["指挥部"] = r.Command,
                ["年度计划(亿元)"] = Yi(r.AnnualPlan),
                ["累计完成(亿元)"] = Yi(r.Completed),
                ["完成率"] = Pct(r.CompletionRate),
                ["赋色"] = "红",
                ["原因"] = r.Reason,
            }).ToList(),
        };
        foreach (var t in m.Rankings)
        {
            sheets[$"赛马-{t.Name}"] = t.Rows.Select(r => new Dictionary<string, object?>
            {
                ["名次"] = r.Rank,
                ["单位"] = r.UnitName,
                ["项目数"] = r.Projects,
                ["得分"] = r.Score,
                ["完成率"] = Pct(r.CompletionRate),
                ["上月名次"] = r.PreviousRank,
                ["名次变化"] = RankChange(r.RankChange),
                ["红黑榜"] = r.RedList ? "红榜" : r.BlackList ? "黑榜" : string.Empty,
                ["得分说明"] = r.Why,
            }).ToList();
        }

        sheets["未解决问题"] = m.Problems.SelectMany(g => g.Items.Select(p => new Dictionary<string, object?>
        {
            ["指挥部"] = g.Command,
            ["项目"] = p.ProjectName,
            ["问题"] = p.Description,
            ["类别"] = p.Category,
            ["层级"] = p.Level,
            ["责任单位"] = p.OwnerUnit,
            ["提出月份"] = p.RaisedMonth,
            ["办结时限"] = p.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["状态"] = p.Overdue ? "超期" : p.Status,
        })).ToList();

        sheets["重点任务"] = Enum.GetValues<KeyTaskStatus>().Select(st => Kv(KeyTaskRules.Name(st), m.KeyTasks.ByStatus[st]))
            .Prepend(Kv("重点任务(项)", m.KeyTasks.Total))
            .Append(Kv("逾期未完成", m.KeyTasks.Overdue))
            .Append(Kv("说明", KeyTaskParagraph(m)))
            .ToList();
        sheets["滞后重点任务"] = m.KeyTasks.Behind.Count == 0
            ? [new Dictionary<string, object?> { ["序号"] = null, ["重点任务"] = null, ["牵头单位"] = null, ["配合单位"] = null, ["完成时限"] = null, ["状态"] = null, ["赋色"] = null, ["原因"] = null }]
            : m.KeyTasks.Behind.Select((t, i) => new Dictionary<string, object?>
            {
                ["序号"] = i + 1,
                ["重点任务"] = t.Text,
                ["牵头单位"] = t.LeadUnit,
                ["配合单位"] = string.Join("、", t.CoUnits.Select(c => c.Name)),
                ["完成时限"] = t.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["状态"] = t.Overdue ? "逾期未完成" : t.Status,
                ["赋色"] = "红",
                ["原因"] = t.Reason,
            }).ToList();

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return ExcelPictures.Add(Excel.WorkbookPasses.Run(stream.ToArray(), ExcelFills.Apply, Excel.ExcelLayout.Apply), ChartSheet, [(TrendChart(m), ChartTitles[0]), (ColourChart(m), ChartTitles[1])], ChartWidth, ChartHeight);
    }

    /// <summary>The sheet holding the Word version's two charts as pictures, each under its title.</summary>
    public const string ChartSheet = "图表";

    private static readonly string[] ChartTitles = ["图1 累计完成率与序时进度", "图2 项目赋色分布"];

    /// <summary>The PNGs are rendered at 1200×560 for print; on a sheet they are shown at 60 %.</summary>
    private const int ChartWidth = Charts.Width * 3 / 5;

    private const int ChartHeight = Charts.Height * 3 / 5;

    private static byte[] TrendChart(BriefingModel m) => Charts.Trend(m.Trend, $"{m.Month.Year}年累计完成率与序时进度");

    private static byte[] ColourChart(BriefingModel m) => Charts.ColourCounts(m.Summary.Colours, $"{m.Month.Month}月项目赋色分布");

    /// <summary>Column A of the chart sheet: each title in the row <see cref="ExcelPictures.TitleRows"/> keeps for it.</summary>
    private static List<Dictionary<string, object?>> ChartRows()
    {
        var at = ExcelPictures.TitleRows(ChartTitles.Length, ChartHeight);
        return Enumerable.Range(0, at[^1] + 1).Select(i => new Dictionary<string, object?> { [ChartSheet] = at.Contains(i) ? ChartTitles[at.ToList().IndexOf(i)] : null }).ToList();
    }

    private static readonly string[] GroupHeaders = ["分组", "项目数", "总投资(亿元)", "年度计划(亿元)", "累计完成(亿元)", "完成率", "红/黄/灰"];
    private static readonly HashSet<int> NumericGroupColumns = [1, 2, 3, 4, 5];

    private static IReadOnlyList<string> GroupRow(GroupDto g) =>
    [
        g.Name, g.Projects.ToString(CultureInfo.InvariantCulture), YiCell(g.TotalInvestment), YiCell(g.AnnualPlan), YiCell(g.Completed),
        g.CompletionRate?.ToString("P1", Zh) ?? "—", $"{g.Colours.Red}/{g.Colours.Yellow}/{g.Colours.Grey}",
    ];

    private static Dictionary<string, object?> GroupSheetRow(GroupDto g) => new()
    {
        ["分组"] = g.Name,
        ["项目数"] = g.Projects,
        ["总投资(亿元)"] = Yi(g.TotalInvestment),
        ["年度计划(亿元)"] = Yi(g.AnnualPlan),
        ["累计完成(亿元)"] = Yi(g.Completed),
        ["完成率"] = Pct(g.CompletionRate),
        ["蓝色"] = g.Colours.Blue,
        ["绿色"] = g.Colours.Green,
        ["黄色"] = g.Colours.Yellow,
        ["红色"] = g.Colours.Red,
        ["灰色"] = g.Colours.Grey,
    };

    private static Dictionary<string, object?> Kv(string item, object? value) => new() { ["项目"] = item, ["数值"] = value };

    // Excel and Word show amounts by the one display rule (AmountDisplay): 亿元, two decimals, half away from zero.
    private static decimal Yi(decimal wanYuan) => AmountDisplay.ToYi(wanYuan);

    /// <summary>亿元 in prose, as official documents write figures: 2964亿元, 150.74亿元.</summary>
    public static string YiText(decimal wanYuan) => AmountDisplay.YiText(wanYuan);

    private static string YiCell(decimal wanYuan) => AmountDisplay.YiCell(wanYuan);

    private static string Pct(decimal? rate) => rate?.ToString("P1", Zh) ?? "—";

    private static string RankChange(int? change) => change switch
    {
        null => "—",
        > 0 => $"上升{change}位",
        < 0 => $"下降{-change}位",
        _ => "持平",
    };

    private static string? ListFill(RankingRowDto r) => r.RedList ? "C6EFCE" : r.BlackList ? "BFBFBF" : null;
}

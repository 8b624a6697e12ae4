using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;
using PlanPulse.App.Features.Documents;
using PlanPulse.App.Features.Indicators;
using PlanPulse.Domain.Indicators;

namespace PlanPulse.App.Features.Briefing;

/// <summary>A figure as the draft states it, kept so tests can read it back out of the document.</summary>
public sealed record DraftFact(string Indicator, string Unit, decimal? Value, decimal? GrowthPct, int Year, bool Target, string Sentence);

public sealed record AnnualDraftModel(int Year, string Title, IReadOnlyList<(string Category, IReadOnlyList<DraftFact> Facts)> Actuals, IReadOnlyList<DraftFact> Targets, bool Demo);

/// <summary>
/// The first draft of the annual execution report (计划执行情况与下年计划草案的报告): the year's final figures written
/// as sentences in the seed's style (地区生产总值918.6亿元,同比增长2.6%), one paragraph per category, then next
/// year's targets, and an appendix table of every figure. Staff rewrite the prose; the figures are the system's.
/// </summary>
public static class AnnualDraft
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<AnnualDraftModel> BuildAsync(AppDbContext db, int year, CancellationToken ct = default)
    {
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);
        var period = year.ToString(Inv);
        var figures = await db.IndicatorObservations.AsNoTracking()
            .Where(o => o.Region == "" && o.Period == period && (o.Value != null || o.GrowthPct != null))
            .ToListAsync(ct);
        var demo = figures.Any(o => o.IsDemo);

        var order = SeedIndicators.Categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var actuals = figures
            .Select(o => (Indicator: indicators[o.IndicatorId], Figure: o))
            .Where(x => x.Indicator.Category != SeedIndicators.PlanComposition)
            // An index (基期=100) is a construct of the five-year view; the report states the change it is built from.
            .Where(x => !x.Indicator.Unit.Contains('=', StringComparison.Ordinal))
            .GroupBy(x => x.Indicator.Category)
            .OrderBy(g => order.GetValueOrDefault(g.Key, 99)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<DraftFact>)g.OrderBy(x => x.Indicator.SortOrder)
                .Select(x => Actual(x.Indicator, x.Figure, year)).ToList()))
            .ToList();

        var targets = (await db.IndicatorTargets.AsNoTracking()
                .Where(t => t.Year == year + 1 && t.Region == "" && t.Plan!.Kind == PlanKind.Annual)
                .ToListAsync(ct))
            .Select(t => (Indicator: indicators[t.IndicatorId], Target: t))
            .OrderBy(x => x.Indicator.SortOrder)
            .Select(x => Target(x.Indicator, x.Target))
            .ToList();

        return new AnnualDraftModel(year, $"关于{year}年国民经济和社会发展计划执行情况与{year + 1}年计划草案的报告(初稿)", actuals, targets, demo);
    }

    public static byte[] ToDocx(AnnualDraftModel m)
    {
        var doc = new OfficialDocument()
            .Title(m.Title)
            .Paragraph($"本稿由PlanPulse根据{m.Year}年统计数据自动生成,数字以统计部门最终核定为准;文字请计划科修改完善。" + (m.Demo ? "(含演示数据。)" : string.Empty))
            .Heading1($"一、{m.Year}年国民经济和社会发展计划执行情况");
        var n = 0;
        foreach (var (category, facts) in m.Actuals)
        {
            doc.Heading2($"（{Chinese(++n)}）{category}");
            doc.Paragraph((n == 1 ? "全年" : string.Empty) + string.Join(";", facts.Select(f => f.Sentence)) + "。");
        }

        if (m.Targets.Count > 0)
        {
            doc.Heading1($"二、{m.Year + 1}年主要预期目标");
            doc.Paragraph($"{m.Year + 1}年," + string.Join(";", m.Targets.Select(t => t.Sentence)) + "。");
        }

        doc.Heading1("附表");
        doc.Table($"{m.Year}年主要指标完成情况", ["指标", "单位", "数值", "增长(%)"], m.Actuals.SelectMany(a => a.Facts).Select(f => (IReadOnlyList<string>)
        [
            f.Indicator, f.Unit, f.Value is { } v ? F(v) : "—", f.GrowthPct is { } g ? F(g) : "—",
        ]).ToList(), new HashSet<int> { 2, 3 });
        return doc.ToBytes();
    }

    /// <summary>"规模以上工业总产值1471.5亿元,同比增长3.7%"; growth alone: "社会消费品零售总额增长0.6%"; a fall says 下降.</summary>
    public static DraftFact Actual(Indicator i, IndicatorObservation o, int year)
    {
        var unit = i.Unit;
        string sentence;
        if (o.Value is { } v)
        {
            var lead = o.Note?.Contains("突破", StringComparison.Ordinal) == true ? "突破" : string.Empty;
            sentence = $"{i.Name}{Joiner(i.Name, lead)}{lead}{F(v)}{UnitText(unit)}" + (o.GrowthPct is { } g ? $",同比{Change(g)}" : string.Empty);
        }
        else
        {
            sentence = $"{i.Name}{Change(o.GrowthPct!.Value)}";
        }

        return new DraftFact(i.Name, unit, o.Value, o.GrowthPct, year, Target: false, sentence);
    }

    public static DraftFact Target(Indicator i, IndicatorTarget t)
    {
        var q = IndicatorQueries.QualifierText(t.Qualifier);
        string sentence;
        if (t.Value is { } v)
        {
            sentence = t.Qualifier == Qualifier.Exceed ? $"{i.Name}突破{F(v)}{UnitText(i.Unit)}" : $"{i.Name}{Joiner(i.Name, string.Empty)}{F(v)}{UnitText(i.Unit)}{q}";
            if (t.StretchValue is { } s)
            {
                sentence += $"、力争{F(s)}{i.Unit}";
            }
        }
        else
        {
            sentence = $"{i.Name}{Change(t.GrowthPct ?? 0)}{q}";
        }

        return new DraftFact(i.Name, i.Unit, t.Value, t.GrowthPct, t.Year, Target: true, sentence);
    }

    // "占GDP4.5%" glues the figure to a Latin name and reads as one token; documents write "占GDP的比重为4.5%".
    private static string Joiner(string name, string lead) =>
        lead.Length == 0 && name.Length > 0 && (char.IsAsciiLetterOrDigit(name[^1]) || name.EndsWith(')')) ? "为" : string.Empty;

    private static string UnitText(string unit) => unit.Contains('=', StringComparison.Ordinal) ? string.Empty : unit;

    private static string Change(decimal g) => g < 0 ? $"下降{F(-g)}%" : $"增长{F(g)}%";

    private static string F(decimal v) => v.ToString("0.####", Inv);

    private static string Chinese(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => n.ToString(Inv),
    };
}

using System.Globalization;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Text;

namespace PlanPulse.Domain.Tests.Extraction;

/// <summary>
/// Facts rendered into sentences with many templates (values, growth, 分别 lists, bounds before and after, counts
/// before nouns), in simplified and traditional characters and full-width digits, then extracted back.
/// </summary>
public sealed class GeneratedSentenceTests
{
    private static readonly string[] Metrics = ["地区生产总值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入", "外贸进出口总额", "农业增加值"];

    // Same metrics in traditional characters, so both scripts are generated without a simplified→traditional converter.
    private static readonly string[] MetricsTraditional = ["地區生產總值", "固定資產投資", "社會消費品零售總額", "一般公共預算收入", "外貿進出口總額", "農業增加值"];

    private static readonly (string Written, string Unit)[] Units = [("亿元", "亿元"), ("億元", "亿元"), ("万元", "万元"), ("萬美元", "万美元"), ("亿美元", "亿美元")];

    private static readonly string[] PostBounds = ["以上", "左右", "以内"];

    private static readonly string[] PreBounds = ["突破", "超过", "近"];

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Extract_GeneratedSentences_RoundTrip(int seed)
    {
        var rng = new Random(seed);
        for (var n = 0; n < 60; n++)
        {
            var traditional = rng.Next(2) == 0;
            var names = traditional ? MetricsTraditional : Metrics;
            var plan = rng.Next(2) == 0;
            var heading = plan ? "三、2025年重點工作\n" : "一、2024年計劃執行情況\n";
            var (sentence, expected) = Render(rng, names, plan);
            if (rng.Next(3) == 0)
            {
                sentence = Widen(sentence);
            }

            var facts = PlanExtractor.Extract(heading + sentence).Facts;
            foreach (var e in expected)
            {
                Assert.True(
                    facts.Any(f => Chinese.Normalize(f.Metric) == Chinese.Normalize(e.Metric) && f.Value == e.Value && f.Unit == e.Unit
                        && f.GrowthPct == e.Growth && f.Qualifier == e.Qualifier && f.Year == (plan ? 2025 : 2024)),
                    $"seed {seed} #{n}: {sentence}\nexpected {e}\ngot {string.Join("; ", facts.Select(f => $"{f.Metric} {f.Value} {f.Unit} g{f.GrowthPct} {f.Qualifier}"))}");
            }

            Assert.Equal(expected.Count, facts.Count);
        }
    }

    private static (string Sentence, List<Expected> Facts) Render(Random rng, string[] names, bool plan)
    {
        var value = Math.Round((decimal)(rng.NextDouble() * 5000), rng.Next(3));
        var growth = Math.Round((decimal)(rng.NextDouble() * 30), 1);
        var metric = names[rng.Next(names.Length)];
        var (written, unit) = Units[rng.Next(Units.Length)];
        var v = value.ToString(CultureInfo.InvariantCulture);
        var g = growth.ToString(CultureInfo.InvariantCulture);
        switch (rng.Next(7))
        {
            case 0:
                return ($"{metric}{v}{written}。", [new(metric, value, unit, null, null)]);
            case 1:
                return ($"全年實現{metric}{v}{written},同比增長{g}%。", [new(metric, value, unit, growth, null)]);
            case 2:
            {
                var post = plan ? PostBounds[rng.Next(PostBounds.Length)] : null;
                return ($"{metric}增长{g}%{post}。", [new(metric, null, null, growth, post)]);
            }

            case 3:
            {
                var pre = PreBounds[rng.Next(PreBounds.Length)];
                return ($"{metric}{pre}{v}{written}。", [new(metric, value, unit, null, pre)]);
            }

            case 4:
            {
                var a = names[0];
                var b = names[1];
                var c = names[2];
                var g2 = (growth + 1.5m).ToString(CultureInfo.InvariantCulture);
                return ($"{a}、{b}和{c}分別增長{g}%、{g2}%和3%。", [new(a, null, null, growth, null), new(b, null, null, growth + 1.5m, null), new(c, null, null, 3m, null)]);
            }

            case 5:
            {
                var down = rng.Next(2) == 0 ? "下降" : "减少";
                return ($"{metric}{down}{g}%。", [new(metric, null, null, -growth, null)]);
            }

            default:
            {
                var count = rng.Next(1, 500);
                return ($"新增市级研发机构{count}家、高新技术企业{count + 1}家。", [new("新增市级研发机构", count, "家", null, null), new("新增高新技术企业", count + 1, "家", null, null)]);
            }
        }
    }

    private static string Widen(string s) => new(s.Select(c => c is >= '0' and <= '9' or '%' or ',' or '.' ? (char)(c + 0xFEE0) : c).ToArray());

    private sealed record Expected(string Metric, decimal? Value, string? Unit, decimal? Growth, string? Qualifier);
}

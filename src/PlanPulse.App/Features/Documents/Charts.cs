using PlanPulse.App.Features.Portfolio;
using ScottPlot;

namespace PlanPulse.App.Features.Documents;

/// <summary>
/// Report charts as PNG. ScottPlot renders with Skia without fontconfig, so a CJK font must be named for every
/// label, Latin included, or Chinese comes out as boxes; WenQuanYi Micro Hei is installed by scripts/setup-machine.sh.
/// </summary>
public static class Charts
{
    public const string CjkFont = "WenQuanYi Micro Hei";
    public const int Width = 1200;
    public const int Height = 560;

    /// <summary>The five colours as the UI and the documents show them.</summary>
    public static readonly IReadOnlyDictionary<string, string> ColourHex = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["blue"] = "2F6FD6",
        ["green"] = "3A9A4B",
        ["yellow"] = "E6B422",
        ["red"] = "D64545",
        ["grey"] = "9AA0A6",
    };

    /// <summary>Completion rate of the year's plan month by month against time progress.</summary>
    public static byte[] Trend(IReadOnlyList<TrendPointDto> points, string title)
    {
        var plot = NewPlot(title);
        double[] xs = points.Select(p => (double)(p.Month % 100)).ToArray();
        var done = plot.Add.Scatter(xs, points.Select(p => (double)((p.CompletionRate ?? 0) * 100)).ToArray());
        done.LegendText = "累计完成率(%)";
        done.LineWidth = 3;
        done.Color = Color.FromHex("#" + ColourHex["blue"]);
        var time = plot.Add.Scatter(xs, points.Select(p => (double)(p.TimeProgress * 100)).ToArray());
        time.LegendText = "序时进度(%)";
        time.LinePattern = LinePattern.Dashed;
        time.Color = Color.FromHex("#666666");
        plot.Axes.Bottom.SetTicks(xs, xs.Select(x => $"{x:0}月").ToArray());
        plot.Axes.Left.Label.Text = "%";
        plot.Axes.SetLimitsY(0, Math.Max(100, points.Select(p => (double)((p.CompletionRate ?? 0) * 100)).DefaultIfEmpty(0).Max() + 5));
        plot.ShowLegend(Alignment.UpperLeft);
        Fonts(plot);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>How many projects have each colour.</summary>
    public static byte[] ColourCounts(ColoursDto c, string title)
    {
        var plot = NewPlot(title);
        (string Key, string Name, int Count)[] items = [("blue", "蓝", c.Blue), ("green", "绿", c.Green), ("yellow", "黄", c.Yellow), ("red", "红", c.Red), ("grey", "灰", c.Grey)];
        var bars = items.Select((it, i) => new Bar { Position = i, Value = it.Count, FillColor = Color.FromHex("#" + ColourHex[it.Key]), Label = it.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontName = CjkFont;
        series.ValueLabelStyle.FontSize = 18;
        plot.Axes.Bottom.SetTicks(items.Select((_, i) => (double)i).ToArray(), items.Select(i => $"{i.Name}色").ToArray());
        plot.Axes.Left.Label.Text = "项目数(个)";
        plot.Axes.Margins(bottom: 0, top: 0.15);
        Fonts(plot);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Completion rate by group (tracks, tiers) with the time-progress line.</summary>
    public static byte[] GroupRates(IReadOnlyList<GroupDto> groups, decimal timeProgress, string title)
    {
        var plot = NewPlot(title);
        var bars = groups.Select((g, i) => new Bar
        {
            Position = i,
            Value = (double)((g.CompletionRate ?? 0) * 100),
            FillColor = Color.FromHex("#" + ColourHex[(g.CompletionRate ?? 0) >= timeProgress ? "green" : "yellow"]),
            Label = $"{(g.CompletionRate ?? 0) * 100:0.0}%",
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontName = CjkFont;
        series.ValueLabelStyle.FontSize = 16;
        var line = plot.Add.HorizontalLine((double)(timeProgress * 100));
        line.LinePattern = LinePattern.Dashed;
        line.Color = Color.FromHex("#666666");
        line.LegendText = $"序时进度 {timeProgress * 100:0.0}%";
        plot.Axes.Bottom.SetTicks(groups.Select((_, i) => (double)i).ToArray(), groups.Select(g => Short(g.Name)).ToArray());
        plot.Axes.Left.Label.Text = "完成率(%)";
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.ShowLegend(Alignment.UpperRight);
        Fonts(plot);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Short(string name) => name.Length <= 10 ? name : name[..9] + "…";

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title);
        return plot;
    }

    private static void Fonts(Plot plot)
    {
        plot.Font.Set(CjkFont);
        plot.Axes.Title.Label.FontSize = 26;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 18;
        plot.Axes.Left.TickLabelStyle.FontSize = 18;
        plot.Axes.Left.Label.FontSize = 18;
        plot.Legend.FontName = CjkFont;
        plot.Legend.FontSize = 18;
    }
}

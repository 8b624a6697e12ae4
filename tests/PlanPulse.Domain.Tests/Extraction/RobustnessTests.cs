using System.Diagnostics;
using System.Text;
using PlanPulse.Domain.Extraction;

namespace PlanPulse.Domain.Tests.Extraction;

/// <summary>Random and mutated inputs: no exception, quotes always at their offsets, time bounded.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<int> Seeds => new() { 11, 12, 13, 14, 15 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Extract_MutatedSeed_NoExceptionAndQuotesHold(int seed)
    {
        var rng = new Random(seed);
        var chars = SeedFixture.Text.ToCharArray();
        const string noise = "?;,、。%0123456789亿万个分别增长下降以上左右\n\uFFFD\u3000１２３％，";
        for (var i = 0; i < chars.Length / 20; i++)
        {
            chars[rng.Next(chars.Length)] = noise[rng.Next(noise.Length)];
        }

        var text = new string(chars);
        var result = PlanExtractor.Extract(text);
        Assert.All(result.Facts, f => Assert.Equal(f.Quote, text[f.Start..f.End]));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Extract_RandomText_NoException(int seed)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append(rng.Next(4) switch
            {
                0 => (char)rng.Next(0x20, 0x7F),
                1 => (char)rng.Next(0x4E00, 0x9FA5),
                2 => "0123456789.,、%"[rng.Next(14)],
                _ => (char)rng.Next(0, 0xD7FF),
            });
        }

        var text = sb.ToString();
        var result = PlanExtractor.Extract(text);
        Assert.All(result.Facts, f => Assert.Equal(f.Quote, text[f.Start..f.End]));
    }

    [Fact]
    public void Extract_LongListsAndNoPunctuation_BoundedTime()
    {
        // One 200,000-character sentence of figures joined by 、 and no full stop: the worst case for runs.
        var text = "一、2024年工作回顾\n新增" + string.Join('、', Enumerable.Range(1, 20_000).Select(i => $"企业{i}家"));
        var watch = Stopwatch.StartNew();
        var result = PlanExtractor.Extract(text);
        watch.Stop();
        Assert.Equal(20_000, result.Facts.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}

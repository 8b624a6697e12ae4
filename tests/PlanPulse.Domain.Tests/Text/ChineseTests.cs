using PlanPulse.Domain.Text;

namespace PlanPulse.Domain.Tests.Text;

public sealed class ChineseTests
{
    [Theory]
    [InlineData("地區生產總值918.6億元", "地区生产总值918.6亿元")]
    [InlineData("長壽區發展改革委", "长寿区发展改革委")]
    [InlineData("規上工業總產值", "规上工业总产值")]
    [InlineData("已是简体", "已是简体")]
    [InlineData("", "")]
    [InlineData("no Chinese 123", "no Chinese 123")]
    public void ToSimplified_Text_Converts(string input, string expected)
    {
        Assert.Equal(expected, Chinese.ToSimplified(input));
    }

    [Theory]
    [InlineData("增長５．２％")]
    [InlineData("全力緩解企業流動性難題?;I措區級")]
    [InlineData("乾燥的天氣裡")]
    public void Normalize_AnyText_KeepsLength(string input)
    {
        Assert.Equal(input.Length, Chinese.Normalize(input).Length);
    }

    [Fact]
    public void NarrowForms_FullWidthDigits_BecomeAscii()
    {
        Assert.Equal("增长5.2%", Chinese.Normalize("增長５．２％"));
    }
}

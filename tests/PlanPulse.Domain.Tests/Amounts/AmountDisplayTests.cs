using System.Globalization;
using PlanPulse.Domain.Amounts;

namespace PlanPulse.Domain.Tests.Amounts;

public sealed class AmountDisplayTests
{
    public static TheoryData<string, string, string, string, string> YiCases => new()
    {
        // 万元, 亿元 value, page text (a table cell without separators in Word), running text, 万元 text
        { "26964", "2.70", "2.70", "2.7", "26,964" }, // the project page once said 2.6964
        { "0", "0.00", "0.00", "0", "0" },
        { "50", "0.01", "0.01", "0.01", "50" }, // 0.005 亿元: half away from zero
        { "49.99", "0", "0.00", "0", "49.99" },
        { "150", "0.02", "0.02", "0.02", "150" }, // 0.015: away from zero, not to even (0.02 either way)
        { "250", "0.03", "0.03", "0.03", "250" }, // 0.025: away from zero gives 0.03, to even would give 0.02
        { "-250", "-0.03", "-0.03", "-0.03", "-250" }, // a correction: away from zero on the negative side too
        { "-49", "0", "0.00", "0", "-49" }, // rounds to nothing: no "-0.00"
        { "-26964", "-2.70", "-2.70", "-2.7", "-26,964" },
        { "29640000", "2964", "2,964.00", "2964", "29,640,000" },
        { "123456789012.3456", "12345678.90", "12,345,678.90", "12345678.9", "123,456,789,012.35" }, // large
        { "1234.5678", "0.12", "0.12", "0.12", "1,234.57" }, // 万元 to two decimals, half away from zero
        { "0.005", "0", "0.00", "0", "0.01" },
        { "-0.005", "0", "0.00", "0", "-0.01" },
        { "-0.004", "0", "0.00", "0", "0" },
    };

    [Theory]
    [MemberData(nameof(YiCases))]
    public void Formats_OneRuleForEveryPage(string wan, string yi, string page, string text, string wanText)
    {
        var w = decimal.Parse(wan, CultureInfo.InvariantCulture);

        Assert.Equal(decimal.Parse(yi, CultureInfo.InvariantCulture), AmountDisplay.ToYi(w));
        Assert.Equal(page, AmountDisplay.Yi(w));
        Assert.Equal(text, AmountDisplay.YiText(w));
        Assert.Equal(page.Replace(",", "", StringComparison.Ordinal), AmountDisplay.YiCell(w));
        Assert.Equal(wanText, AmountDisplay.Wan(w));
    }

    [Fact]
    public void ToYi_MaxValue_DoesNotOverflow()
    {
        Assert.Equal("7,922,816,251,426,433,759,354,395.03", AmountDisplay.Yi(decimal.MaxValue));
    }
}

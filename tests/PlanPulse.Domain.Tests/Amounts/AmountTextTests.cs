using System.Globalization;
using PlanPulse.Domain.Amounts;

namespace PlanPulse.Domain.Tests.Amounts;

public sealed class AmountTextTests
{
    public static TheoryData<string, string> ReadCases => new()
    {
        // typed, value in 万元
        { "1234.5", "1234.5" },
        { "0", "0" },
        { "0.0001", "0.0001" },
        { ".5", "0.5" },
        { "1,234.5", "1234.5" },
        { "12,345,678", "12345678" },
        { "123,456", "123456" },
        { "1,000,000.25", "1000000.25" },
        { "１２０", "120" }, // full-width digits from a Chinese IME
        { "１，２３４．５", "1234.5" },
        { "－５０", "-50" }, // full-width minus
        { "−50", "-50" }, // the minus sign U+2212
        { "＋５", "5" },
        { "+5", "5" },
        { " 12 ", "12" },
        { "\u300012\u3000", "12" }, // ideographic spaces
        { "\t1,234\n", "1234" },
        { "-50", "-50" }, // a correction: negative reads, the caller decides
        { "-1,234.5", "-1234.5" },
        { "120万元", "120" }, // the field's own unit may be typed
        { "120 万元", "120" },
        { "120万", "120" },
        { "１２０万元", "120" },
        { "79228162514264337593543950335", "79228162514264337593543950335" }, // decimal.MaxValue
    };

    [Theory]
    [MemberData(nameof(ReadCases))]
    public void Parse_ExactFigures_Read(string typed, string expected)
    {
        var result = AmountText.Parse(typed);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(AmountError.None, result.Error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Value);
        Assert.Equal(string.Empty, result.Message);
    }

    public static TheoryData<string, AmountError, string> RefusedCases => new()
    {
        // typed, error, the exact message
        { "1,2", AmountError.Ambiguous, "“1,2”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { "1,23", AmountError.Ambiguous, "“1,23”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { "1,2345", AmountError.Ambiguous, "“1,2345”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { "1234,567", AmountError.Ambiguous, "“1234,567”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { "12,34.5", AmountError.Ambiguous, "“12,34.5”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { ",123", AmountError.Ambiguous, "“,123”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { "1,234,", AmountError.Ambiguous, "“1,234,”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { "１，２", AmountError.Ambiguous, "“１，２”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点" },
        { "1.234,5", AmountError.Ambiguous, "“1.234,5”的小数点后有逗号,无法确定哪个是小数点,请只用“.”作小数点、不用逗号" },
        { "--1", AmountError.NotANumber, "“--1”的正负号重复,应为数字" },
        { "+-1", AmountError.NotANumber, "“+-1”的正负号重复,应为数字" },
        { "1.2.3", AmountError.NotANumber, "“1.2.3”有多个小数点,应为数字" },
        { "1 234", AmountError.NotANumber, "“1 234”数字中间有空格,请删去空格" },
        { "-", AmountError.NotANumber, "应为数字,收到“-”" },
        { ".", AmountError.NotANumber, "应为数字,收到“.”" },
        { "八十", AmountError.NotANumber, "应为数字,收到“八十”" },
        { "待定", AmountError.NotANumber, "应为数字,收到“待定”" },
        { "12%", AmountError.NotANumber, "应为数字,收到“12%”" },
        { "1-", AmountError.NotANumber, "应为数字,收到“1-”" },
        { "1e5", AmountError.Scientific, "“1e5”是科学计数法,请写出完整数字" },
        { "1.2E+07", AmountError.Scientific, "“1.2E+07”是科学计数法,请写出完整数字" },
        { "１Ｅ５", AmountError.Scientific, "“１Ｅ５”是科学计数法,请写出完整数字" },
        { "约3000", AmountError.Approximate, "“约3000”是约数,无法准确读取金额,请填写确数" },
        { "3000左右", AmountError.Approximate, "“3000左右”是约数,无法准确读取金额,请填写确数" },
        { "3000多", AmountError.Approximate, "“3000多”是约数,无法准确读取金额,请填写确数" },
        { "3~5", AmountError.Range, "“3~5”是区间,无法准确读取金额,请填写确数" },
        { "3-5", AmountError.Range, "“3-5”是区间,无法准确读取金额,请填写确数" },
        { "3至5万元", AmountError.Range, "“3至5万元”是区间,无法准确读取金额,请填写确数" },
        { "3000?", AmountError.Uncertain, "“3000?”带问号,金额未确定,请填写确数" },
        { "3000？", AmountError.Uncertain, "“3000？”带问号,金额未确定,请填写确数" },
        { "3亿元", AmountError.WrongUnit, "“3亿元”的单位是亿元,本栏以万元为单位,请换算为万元或只填数字" },
        { "3亿", AmountError.WrongUnit, "“3亿”的单位是亿,本栏以万元为单位,请换算为万元或只填数字" },
        { "30000元", AmountError.WrongUnit, "“30000元”的单位是元,本栏以万元为单位,请换算为万元或只填数字" },
        { "万元", AmountError.NotANumber, "应为数字,收到“万元”" },
        { "3万万元", AmountError.WrongUnit, "“3万万元”的单位是万元,本栏以万元为单位,请换算为万元或只填数字" },
        { "12345678901234567890123456789012345678901", AmountError.TooLong, "“123456789012…”长41个字符,不是金额(最多40个字符)" },
        { "792281625142643375935439503351", AmountError.TooLong, "“792281625142643375935439503351”超出可读取的范围,请核对" },
    };

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public void Parse_InexactOrMalformed_RefusedWithAChineseReason(string typed, AmountError error, string message)
    {
        var result = AmountText.Parse(typed);

        Assert.False(result.Ok);
        Assert.Equal(error, result.Error);
        Assert.Equal(message, result.Message);
        Assert.Equal(0m, result.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Parse_Blank_IsEmptyNotAnError(string? typed)
    {
        var result = AmountText.Parse(typed);

        Assert.True(result.IsEmpty);
        Assert.False(result.Ok);
        Assert.Equal(AmountError.Empty, result.Error);
        Assert.Equal("未填写", result.Message);
    }

    public static TheoryData<string, AmountUnit, string?, string?> ColumnUnitCases => new()
    {
        // typed, the column's unit, value read (null = refused), message when refused
        { "3亿元", AmountUnit.Yi, "3", null },
        { "3亿", AmountUnit.Yi, "3", null },
        { "1.5", AmountUnit.Yi, "1.5", null },
        { "3万元", AmountUnit.Yi, null, "“3万元”的单位是万元,本栏以亿元为单位,请换算为亿元或只填数字" },
        { "500元", AmountUnit.Yuan, "500", null },
        { "500万元", AmountUnit.Yuan, null, "“500万元”的单位是万元,本栏以元为单位,请换算为元或只填数字" },
        { "5万元", AmountUnit.Wan, "5", null },
    };

    [Theory]
    [MemberData(nameof(ColumnUnitCases))]
    public void Parse_TrailingUnit_OnlyTheColumnsOwn(string typed, AmountUnit unit, string? value, string? message)
    {
        var result = AmountText.Parse(typed, unit);

        if (value is null)
        {
            Assert.Equal(AmountError.WrongUnit, result.Error);
            Assert.Equal(message, result.Message);
        }
        else
        {
            Assert.True(result.Ok, result.Message);
            Assert.Equal(decimal.Parse(value, CultureInfo.InvariantCulture), result.Value);
        }
    }

    [Theory]
    [InlineData("6.5", true, "6.5")]
    [InlineData("１，２３４", true, "1234")]
    [InlineData("-0.3", true, "-0.3")]
    [InlineData("1,2", false, "“1,2”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点")]
    [InlineData("120万元", false, "“120万元”带有单位万元,请只填数字")]
    [InlineData("约919亿", false, "“约919亿”是约数,无法准确读取金额,请填写确数")]
    public void ParseNumber_SameRulesNoUnit(string typed, bool ok, string expected)
    {
        var result = AmountText.ParseNumber(typed);

        Assert.Equal(ok, result.Ok);
        Assert.Equal(expected, ok ? result.Value.ToString(CultureInfo.InvariantCulture) : result.Message);
    }

    [Fact]
    public void Narrow_FullWidthDigitsSignsPointAndComma_BecomeAscii()
    {
        Assert.Equal("0123456789,.-+-", AmountText.Narrow("０１２３４５６７８９，．－＋−"));
        Assert.Equal("万元", AmountText.Narrow("万元"));
    }
}

using PlanPulse.Domain.Periods;

namespace PlanPulse.Domain.Tests.Periods;

public sealed class YearMonthTests
{
    [Theory]
    [InlineData("202306", 2023, 6)]
    [InlineData("2023-06", 2023, 6)]
    [InlineData(" 202306 ", 2023, 6)]
    [InlineData("2024-12", 2024, 12)]
    [InlineData("202401", 2024, 1)]
    [InlineData("190001", 1900, 1)]
    [InlineData("999912", 9999, 12)]
    public void TryParse_ValidText_ReturnsMonth(string text, int year, int month)
    {
        var ok = YearMonth.TryParse(text, out var value);

        Assert.True(ok);
        Assert.Equal(year, value.Year);
        Assert.Equal(month, value.Month);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("202313")] // month 13
    [InlineData("202300")] // month 0
    [InlineData("189912")] // before 1900
    [InlineData("20236")] // five digits
    [InlineData("2023-6")] // month not zero-padded
    [InlineData("2023060")]
    [InlineData("2023-06-01")] // a date, not a month
    [InlineData("2023/06")]
    [InlineData("2023年6月")]
    [InlineData("+20236")]
    [InlineData("２０２３０６")] // full-width digits
    public void TryParse_InvalidText_ReturnsFalseAndDefault(string? text)
    {
        var ok = YearMonth.TryParse(text, out var value);

        Assert.False(ok);
        Assert.Equal(default, value);
    }

    [Theory]
    [InlineData(2023, 0)]
    [InlineData(2023, 13)]
    [InlineData(2023, -1)]
    [InlineData(1899, 12)]
    [InlineData(10000, 1)]
    public void Constructor_OutOfRange_Throws(int year, int month)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearMonth(year, month));
    }

    [Theory]
    [InlineData(2023, 6, 202306, "202306", "2023年6月")]
    [InlineData(2024, 12, 202412, "202412", "2024年12月")]
    [InlineData(1900, 1, 190001, "190001", "1900年1月")]
    public void Id_Month_IsDhis2StyleInteger(int year, int month, int id, string text, string chinese)
    {
        var ym = new YearMonth(year, month);

        Assert.Equal(id, ym.Id);
        Assert.Equal(text, ym.ToString());
        Assert.Equal(chinese, ym.ToChinese());
        Assert.Equal(ym, YearMonth.FromId(id));
    }

    [Theory]
    [InlineData(202313)]
    [InlineData(202300)]
    [InlineData(189912)]
    public void FromId_InvalidId_Throws(int id)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => YearMonth.FromId(id));
    }

    [Theory]
    [InlineData(2024, 2, 29, 202402)]
    [InlineData(2023, 12, 31, 202312)]
    [InlineData(2023, 1, 1, 202301)]
    public void FromDate_Date_ReturnsItsMonth(int year, int month, int day, int expectedId)
    {
        Assert.Equal(expectedId, YearMonth.FromDate(new DateOnly(year, month, day)).Id);
    }

    [Theory]
    [InlineData(202306, 0, 202306)]
    [InlineData(202306, 1, 202307)]
    [InlineData(202311, 1, 202312)]
    [InlineData(202312, 1, 202401)]
    [InlineData(202311, 14, 202501)]
    [InlineData(202306, 12, 202406)]
    [InlineData(202306, 30, 202512)]
    [InlineData(202301, -1, 202212)]
    [InlineData(202306, -6, 202212)]
    [InlineData(202306, -5, 202301)]
    [InlineData(202306, -12, 202206)]
    [InlineData(202306, -18, 202112)]
    [InlineData(202401, -13, 202212)]
    [InlineData(190002, -1, 190001)]
    public void AddMonths_Offset_CrossesYearEnds(int startId, int months, int expectedId)
    {
        Assert.Equal(expectedId, YearMonth.FromId(startId).AddMonths(months).Id);
    }

    [Fact]
    public void AddMonths_BeforeYear1900_Throws()
    {
        var first = new YearMonth(1900, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => first.AddMonths(-1));
    }

    [Theory]
    [InlineData(202306, 202306, 0)]
    [InlineData(202306, 202301, 5)]
    [InlineData(202301, 202212, 1)]
    [InlineData(202402, 202311, 3)]
    [InlineData(202506, 202306, 24)]
    [InlineData(202301, 202312, -11)]
    [InlineData(202306, 202309, -3)]
    public void MonthsSince_Earlier_ReturnsWholeMonths(int laterId, int earlierId, int expected)
    {
        Assert.Equal(expected, YearMonth.FromId(laterId).MonthsSince(YearMonth.FromId(earlierId)));
    }

    [Theory]
    [InlineData(202402, 29)] // leap year
    [InlineData(202302, 28)]
    [InlineData(200002, 29)] // divisible by 400: leap
    [InlineData(190002, 28)] // divisible by 100 only: not leap
    [InlineData(202301, 31)]
    [InlineData(202304, 30)]
    [InlineData(202312, 31)]
    public void FirstDayLastDay_Month_SpanTheCalendarMonth(int id, int lastDay)
    {
        var ym = YearMonth.FromId(id);

        Assert.Equal(new DateOnly(ym.Year, ym.Month, 1), ym.FirstDay);
        Assert.Equal(new DateOnly(ym.Year, ym.Month, lastDay), ym.LastDay);
    }

    [Theory]
    [InlineData(202306, 202307, -1)]
    [InlineData(202312, 202401, -1)]
    [InlineData(202306, 202306, 0)]
    [InlineData(202401, 202312, 1)]
    [InlineData(202412, 202301, 1)]
    public void CompareTo_TwoMonths_OrdersChronologically(int leftId, int rightId, int expectedSign)
    {
        var a = YearMonth.FromId(leftId);
        var b = YearMonth.FromId(rightId);

        Assert.Equal(expectedSign, Math.Sign(a.CompareTo(b)));
        Assert.Equal(expectedSign < 0, a < b);
        Assert.Equal(expectedSign > 0, a > b);
        Assert.Equal(expectedSign <= 0, a <= b);
        Assert.Equal(expectedSign >= 0, a >= b);
        Assert.Equal(expectedSign == 0, a == b);
    }

    [Fact]
    public void Sort_Unordered_IsChronological()
    {
        var months = new List<YearMonth>
        {
            new(2024, 1),
            new(2023, 12),
            new(2023, 2),
            new(2023, 11),
        };

        months.Sort();

        int[] expected = [202302, 202311, 202312, 202401];
        Assert.Equal(expected, months.Select(m => m.Id));
    }
}

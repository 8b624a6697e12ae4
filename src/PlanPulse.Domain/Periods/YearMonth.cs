using System.Globalization;

namespace PlanPulse.Domain.Periods;

/// <summary>
/// A calendar month, the unit of monthly reporting. Its id follows the DHIS2 convention (<c>202306</c>),
/// which is also how it is stored, so months sort and compare as integers in SQL.
/// </summary>
public readonly record struct YearMonth : IComparable<YearMonth>
{
    public YearMonth(int year, int month)
    {
        if (year is < 1900 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "年份应在 1900–9999 之间");
        }

        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "月份应在 1–12 之间");
        }

        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The integer id, e.g. 202306.</summary>
    public int Id => (Year * 100) + Month;

    public static YearMonth FromId(int id) => new(id / 100, id % 100);

    public static YearMonth FromDate(DateOnly date) => new(date.Year, date.Month);

    public static bool TryParse(string? text, out YearMonth value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.Length == 7 && t[4] == '-')
        {
            t = string.Concat(t.AsSpan(0, 4), t.AsSpan(5, 2));
        }

        if (t.Length != 6 || !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        var (y, m) = (id / 100, id % 100);
        if (y < 1900 || m is < 1 or > 12)
        {
            return false;
        }

        value = new YearMonth(y, m);
        return true;
    }

    public YearMonth AddMonths(int months)
    {
        var index = (Year * 12) + (Month - 1) + months;
        return new YearMonth(index / 12, (index % 12) + 1);
    }

    /// <summary>Whole months from <paramref name="earlier"/> to this month (negative when earlier is later).</summary>
    public int MonthsSince(YearMonth earlier) => ((Year - earlier.Year) * 12) + (Month - earlier.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public int CompareTo(YearMonth other) => Id.CompareTo(other.Id);

    public static bool operator <(YearMonth a, YearMonth b) => a.Id < b.Id;

    public static bool operator >(YearMonth a, YearMonth b) => a.Id > b.Id;

    public static bool operator <=(YearMonth a, YearMonth b) => a.Id <= b.Id;

    public static bool operator >=(YearMonth a, YearMonth b) => a.Id >= b.Id;

    public override string ToString() => Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Display form used in Chinese text: 2023年6月.</summary>
    public string ToChinese() => $"{Year}年{Month}月";
}

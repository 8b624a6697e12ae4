using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Features.Indicators;

/// <summary>
/// One figure as typed or posted. Value and growth stay text so 全角 digits, thousands separators and a trailing
/// "%" reach the parser as typed, and a non-number is reported instead of failing the whole request's binding.
/// </summary>
public sealed record ObservationInput(
    string? IndicatorCode,
    string? Period,
    string? Value,
    string? Growth,
    bool Final = false,
    string? Source = null,
    string? Note = null,
    int? Version = null,
    string? Unit = null,
    string? Region = null);

public sealed record RecordObservationsCommand(IReadOnlyList<ObservationInput> Rows);

public sealed record RecordedObservation(int Id, string IndicatorCode, string Region, string Period, int EndMonth, decimal? Value, decimal? Growth, bool Final, int Version, bool Created);

public sealed record RecordObservationsResult(IReadOnlyList<RecordedObservation> Rows);

/// <summary>
/// Records a batch of indicator observations, all or nothing: every row is checked first and any error refuses
/// the whole batch. Error keys are <c>rows[i].field</c> and every message starts with the row number (1-based) and
/// the field's Chinese name, so a grid can put it next to the input and an API caller can find the line.
/// <para>
/// Which figure an indicator takes follows from its kind and the year's target (the evaluation can only compare
/// like with like): a growth-rate indicator takes only growth; a share takes only a value (its change is in
/// points, not a growth rate); otherwise, a level target (350亿元) needs the cumulative value and a growth-only
/// target (+10 %) needs the growth; with both, either will do. Without a target the kind alone decides.
/// </para>
/// </summary>
public static class RecordObservations
{
    public const int SourceMaxLength = 200;
    public const int NoteMaxLength = 1000;
    public const int MaxRows = 2000;
    public const int RegionMaxLength = 64;

    /// <summary>Field names of a row, as the error keys and the API body spell them, with their Chinese names.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["indicatorCode"] = "指标",
        ["period"] = "期间",
        ["value"] = "累计值",
        ["growth"] = "增速",
        ["unit"] = "单位",
        ["final"] = "终审",
        ["source"] = "来源",
        ["note"] = "备注",
        ["version"] = "版本",
        ["region"] = "地区",
    };

    public static string Key(int row, string field) => $"rows[{row}].{field}";

    public static async Task<RecordObservationsResult> HandleAsync(AppDbContext db, RecordObservationsCommand command, TimeProvider clock, CancellationToken ct = default)
    {
        var rows = command.Rows ?? [];
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(int row, string field, string message)
        {
            var key = row < 0 ? field : Key(row, field);
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(row < 0 ? message : $"第{row + 1}行{FieldNames[field]}:{message}");
        }

        if (rows.Count == 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["rows"] = ["没有要保存的数据"] });
        }

        if (rows.Count > MaxRows)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["rows"] = [$"一次最多保存{MaxRows}行,收到{rows.Count}行"] });
        }

        var codes = rows.Select(r => r?.IndicatorCode?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var upper = codes.Select(c => c!.ToUpperInvariant()).ToList();
        var indicators = (await db.Indicators.Where(i => upper.Contains(i.Code.ToUpper())).ToListAsync(ct))
            .ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var plans = await db.Plans.AsNoTracking().Select(p => new { p.StartYear, p.EndYear }).ToListAsync(ct);
        var ids = indicators.Values.Select(i => i.Id).ToList();
        var targets = (await db.IndicatorTargets.AsNoTracking().Where(t => ids.Contains(t.IndicatorId) && t.Plan!.Kind == PlanKind.Annual).ToListAsync(ct))
            .ToLookup(t => (t.IndicatorId, t.Year, t.Region));
        var current = ReportingCalendar.CurrentMonth(clock.GetUtcNow());

        var parsed = new List<(int Row, Indicator Indicator, string Region, IndicatorPeriod Period, decimal? Value, decimal? Growth, ObservationInput Input)>();
        var seen = new Dictionary<(int, string, string), int>();
        var lockCache = new Dictionary<int, bool>();
        for (var r = 0; r < rows.Count; r++)
        {
            var input = rows[r];
            if (input is null)
            {
                Fail(r, "indicatorCode", "空行");
                continue;
            }

            Indicator? indicator = null;
            var code = input.IndicatorCode?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                Fail(r, "indicatorCode", "请填写指标代码");
            }
            else if (!indicators.TryGetValue(code, out indicator))
            {
                Fail(r, "indicatorCode", $"未知指标“{code}”");
            }

            IndicatorPeriod period = default;
            var periodOk = IndicatorPeriod.TryParse(input.Period, out period);
            if (!periodOk)
            {
                Fail(r, "period", $"格式应为 2023(年)、2023Q2(季度)、202306 或 2023-06(月),收到“{input.Period}”");
            }
            else if (!plans.Any(p => period.Year >= p.StartYear - 1 && period.Year <= p.EndYear))
            {
                // The year before a plan starts is its baseline (2022 actuals for the 2023 plan, 2020 for 十四五), so it may be recorded.
                var range = plans.Count == 0 ? "尚无任何计划" : $"现有计划覆盖{plans.Min(p => p.StartYear) - 1}–{plans.Max(p => p.EndYear)}年(含基期年)";
                Fail(r, "period", $"{period.Id}不在计划年份内;{range}");
                periodOk = false;
            }
            else if (period.EndMonth > current)
            {
                Fail(r, "period", $"{period.Id}尚未结束,不能填报");
                periodOk = false;
            }
            else
            {
                if (!lockCache.TryGetValue(period.EndMonth.Id, out var locked))
                {
                    lockCache[period.EndMonth.Id] = locked = await MonthLocks.IsLockedAsync(db, period.EndMonth, ct);
                }

                if (locked)
                {
                    Fail(r, "period", $"{period.EndMonth.ToChinese()}已锁定,需由计划科重新开放后才能修改");
                    periodOk = false;
                }
            }

            // "" is the plan's own area; a sub-area (a town) has its own figures and, where set, its own targets.
            var region = input.Region?.Trim() ?? "";
            if (region.Length > RegionMaxLength)
            {
                Fail(r, "region", $"地区代码最多{RegionMaxLength}字,收到“{region}”");
            }

            var value = Number(input.Value, r, "value", allowPercent: false, Fail, out var valueOk);
            var growth = Number(input.Growth, r, "growth", allowPercent: true, Fail, out var growthOk);

            if (indicator is not null && periodOk)
            {
                var key = (indicator.Id, region, period.Id);
                if (seen.TryGetValue(key, out var first))
                {
                    Fail(r, "period", $"与第{first + 1}行重复({indicator.Code} {indicator.Name} {(region.Length > 0 ? region + " " : "")}{period.Id}),同一指标同一地区同一期间只能有一行");
                    continue;
                }

                seen[key] = r;
            }

            if (indicator is null || !valueOk || !growthOk)
            {
                continue;
            }

            if (input.Unit is { } unit && !string.IsNullOrWhiteSpace(unit) && Chinese.Normalize(unit).Trim() != indicator.Unit)
            {
                Fail(r, "unit", $"{indicator.Name}的单位是“{indicator.Unit}”,收到“{unit.Trim()}”;请换算为{indicator.Unit}后填写");
            }

            // A sub-area without its own target is judged by the kind of the plan's own target.
            var target = periodOk ? targets[(indicator.Id, period.Year, region)].FirstOrDefault() ?? targets[(indicator.Id, period.Year, "")].FirstOrDefault() : null;
            CheckKind(indicator, target, value, growth, r, Fail);

            if (input.Source is { Length: > SourceMaxLength })
            {
                Fail(r, "source", $"最多{SourceMaxLength}字,收到{input.Source.Length}字");
            }

            if (input.Note is { Length: > NoteMaxLength })
            {
                Fail(r, "note", $"最多{NoteMaxLength}字,收到{input.Note.Length}字");
            }

            if (periodOk)
            {
                parsed.Add((r, indicator, region, period, value, growth, input));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var existing = new Dictionary<(int, string, string), IndicatorObservation>();
        foreach (var group in parsed.GroupBy(p => (p.Indicator.Id, p.Region)))
        {
            var (indicatorId, region) = group.Key;
            var periods = group.Select(p => p.Period.Id).ToList();
            foreach (var o in await db.IndicatorObservations.Where(o => o.IndicatorId == indicatorId && o.Region == region && periods.Contains(o.Period)).ToListAsync(ct))
            {
                existing[(o.IndicatorId, o.Region, o.Period)] = o;
            }
        }

        var saved = new List<(IndicatorObservation Row, bool Created, string Code)>();
        foreach (var (r, indicator, region, period, value, growth, input) in parsed)
        {
            existing.TryGetValue((indicator.Id, region, period.Id), out var row);
            if (input.Version is { } v && (row is null || row.Version != v))
            {
                // Rows already applied must not ride along with whatever the caller saves next on this context.
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException(
                    row is null
                        ? $"第{r + 1}行:{indicator.Name} {period.Id}的数据已被他人删除,请刷新后再保存"
                        : $"第{r + 1}行:{indicator.Name} {period.Id}已被他人修改(当前版本 {row.Version}),请刷新后再保存",
                    row?.Version ?? 0);
            }

            if (row is { Final: true } && !input.Final)
            {
                Fail(r, "final", $"{indicator.Name} {period.Id}已有终审数,不能以快报数覆盖;如需更正请勾选终审");
                continue;
            }

            var created = row is null;
            if (row is null)
            {
                row = new IndicatorObservation { IndicatorId = indicator.Id, Region = region, Period = period.Id, EndMonth = period.EndMonth.Id };
                db.IndicatorObservations.Add(row);
            }

            // The report sentence backs the figure it was read from, not a corrected one.
            if (row.Value != value || row.GrowthPct != growth)
            {
                row.SourceQuote = null;
            }

            // A final figure replaces the preliminary in the same row: one value per indicator and period.
            row.Value = value;
            row.GrowthPct = growth;
            row.Final = input.Final;
            row.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
            row.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            row.IsDemo = false;
            saved.Add((row, created, indicator.Code));
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("指标数据已被他人修改,请刷新后再保存", 0);
        }
        catch (DbUpdateException) when (saved.Any(s => s.Created))
        {
            // Two people created the same indicator and period at once: the unique index let one in.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("指标数据已被他人同时录入,请刷新后再保存", 0);
        }

        return new RecordObservationsResult(saved.Select(s => new RecordedObservation(s.Row.Id, s.Code, s.Row.Region, s.Row.Period, s.Row.EndMonth, s.Row.Value, s.Row.GrowthPct, s.Row.Final, s.Row.Version, s.Created)).ToList());
    }

    /// <summary>Whether the row carries the figure the indicator's kind and target call for (see the class remarks).</summary>
    private static void CheckKind(Indicator i, IndicatorTarget? t, decimal? value, decimal? growth, int r, Action<int, string, string> fail)
    {
        if (value is null && growth is null)
        {
            fail(r, "value", "累计值和增速至少填写一项");
            return;
        }

        if (i.Kind == IndicatorKind.GrowthRate && value is not null)
        {
            fail(r, "value", $"{i.Name}是增速类指标,只填增速(%),不填累计值");
            return;
        }

        if (i.Kind == IndicatorKind.Share && growth is not null)
        {
            fail(r, "growth", $"{i.Name}是比重类指标,只填数值({i.Unit}),其变化以百分点计,不填增速");
            return;
        }

        // A count in a unit of ten thousands (1.1万个 parking spaces) is a whole number of things, not of units.
        if (i.Kind == IndicatorKind.Count && value is { } c && c != Math.Round(c) && !i.Unit.StartsWith('万') && !i.Unit.StartsWith('亿'))
        {
            fail(r, "value", $"{i.Name}是计数类指标,应为整数,收到{c.ToString(CultureInfo.InvariantCulture)}");
        }

        if (t is null)
        {
            return;
        }

        if (t.Value is { } tv && t.GrowthPct is null && value is null)
        {
            fail(r, "growth", $"{i.Name}的目标为总量({F(tv)}{i.Unit}),须填写累计值;只有增速无法与目标比较");
        }
        else if (t.GrowthPct is { } tg && t.Value is null && growth is null)
        {
            fail(r, "value", $"{i.Name}的目标为增速({F(tg)}%),须填写增速;只有累计值无法与目标比较");
        }
    }

    private static string F(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    private static decimal? Number(string? text, int row, string field, bool allowPercent, Action<int, string, string> fail, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (allowPercent && (t.EndsWith('%') || t.EndsWith('％')))
        {
            t = t[..^1];
        }

        var parse = AmountText.ParseNumber(t);
        if (parse.Ok)
        {
            return parse.Value;
        }

        ok = false;
        fail(row, field, parse.Error == AmountError.NotANumber && allowPercent ? $"应为数字(百分数,如 6.5),收到“{text.Trim()}”" : parse.Message);
        return null;
    }
}

/// <summary>An observation's period: a year (2023), a quarter (2023Q2) or a month (202306, also typed 2023-06).</summary>
public readonly record struct IndicatorPeriod(string Id, int Year, YearMonth EndMonth)
{
    public static bool TryParse(string? text, out IndicatorPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = Chinese.NarrowForms(text.Trim()).ToUpperInvariant();
        if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 9999)
        {
            period = new IndicatorPeriod(t, y, new YearMonth(y, 12));
            return true;
        }

        if (t.Length == 6 && t[4] == 'Q' && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var qy) && qy >= 1900
            && t[5] is >= '1' and <= '4')
        {
            var q = t[5] - '0';
            period = new IndicatorPeriod(t, qy, new YearMonth(qy, q * 3));
            return true;
        }

        if (YearMonth.TryParse(t, out var m))
        {
            period = new IndicatorPeriod(m.Id.ToString(CultureInfo.InvariantCulture), m.Year, m);
            return true;
        }

        return false;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Indicators;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Amounts;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Features.PlanDocuments;

/// <summary>The reviewer's corrections of a proposed fact, as typed (numbers as text, so 全角 digits reach the parser).</summary>
public sealed record FactEdit(string? Metric = null, string? Value = null, string? Unit = null, string? Growth = null, string? Qualifier = null, string? Year = null, string? Kind = null);

/// <summary>
/// A new catalogue indicator made from the fact: code (generated when blank), category (proposed from the name when
/// blank) and direction; unit and kind when the caller knows better than the one fact (several facts of one name).
/// </summary>
public sealed record NewIndicatorInput(string? Code = null, string? Category = null, Direction? Direction = null, string? Unit = null, IndicatorKind? Kind = null);

/// <param name="IndicatorCode">The catalogue indicator the fact is a figure of; ignored when <paramref name="New"/> is given.</param>
/// <param name="Replace">Confirms replacing a different figure or target already recorded.</param>
public sealed record AcceptFactCommand(int FactId, int Version, string? IndicatorCode, NewIndicatorInput? New = null, FactEdit? Edit = null, bool Replace = false);

public sealed record ReviewedFact(int FactId, string Status, int Version, int? IndicatorId, string? IndicatorCode, string? Written);

/// <summary>What a bulk acceptance did: each fact accepted, or left pending with the reason.</summary>
public sealed record BulkAcceptResult(int Accepted, IReadOnlyList<BulkSkipped> Skipped);

public sealed record BulkSkipped(int FactId, string Metric, string Reason);

/// <param name="CoUnitCodes">配合单位, codes of the unit table.</param>
/// <param name="Deadline">完成时限 as typed (2023-12-31); blank for none yet.</param>
public sealed record AcceptTaskCommand(int TaskId, int Version, string? Text = null, string? ResponsibleUnits = null, string? LeadUnitCode = null,
    IReadOnlyList<string>? CoUnitCodes = null, string? Deadline = null);

public sealed record ReviewedTask(int TaskId, string Status, int Version, int? KeyTaskId);

/// <summary>
/// The plan office's review of what was read from a document. Accepting an actual writes the year's figure through
/// <see cref="RecordObservations"/> (its rules: unit, kind, period, locked months), with the quote as its source
/// sentence; accepting a target writes the year's annual-plan target, a 力争 figure as the stretch target. A figure or
/// target already recorded with other numbers is replaced only when the reviewer confirms. Each accepted or rejected
/// proposal keeps who decided and when; the audit trail keeps what was extracted before any correction.
/// Errors are keyed by field (metric, value, unit, growth, qualifier, year, kind, indicator) in Chinese; nothing is
/// saved on an error.
/// </summary>
public static partial class ReviewPlanDocument
{
    public const string Actual = "actual";
    public const string Target = "target";

    public static async Task<ReviewedFact> AcceptFactAsync(AppDbContext db, AcceptFactCommand c, string user, TimeProvider clock, CancellationToken ct = default)
    {
        var fact = await db.ProposedFacts.Include(f => f.Document).FirstOrDefaultAsync(f => f.Id == c.FactId, ct)
            ?? throw Invalid("fact", $"没有编号为 {c.FactId} 的识别结果");
        CheckOpen(fact.Status, fact.Version, c.Version, "该事实");

        var errors = new Errors();
        Apply(fact, c.Edit, errors);
        if (fact.Kind is not (Actual or Target))
        {
            errors.Add("kind", "请选择“实际”或“目标”");
        }

        if (fact.Year is not { } year || year is < 2000 or > 2100)
        {
            errors.Add("year", "请填写年份(2000–2100)");
            year = 0;
        }

        if (fact.Value is null && fact.GrowthPct is null)
        {
            errors.Add("value", "数值和增速至少填写一项");
        }

        errors.ThrowIfAny(db);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var indicator = c.New is not null
            ? await CreateIndicatorAsync(db, fact, c.New, errors, ct)
            : await FindIndicatorAsync(db, c.IndicatorCode, errors, ct);
        errors.ThrowIfAny(db);

        if (fact.Kind == Actual)
        {
            // A figure is recorded only in a year some plan covers. The document is about its plan year (the 2022
            // execution report is the 2023 plan's baseline), so accepting its actuals first makes that plan, exactly as
            // accepting a target does: targets and actuals can be taken in any order.
            await PlanCoveringAsync(db, year, fact.Document!.PlanYear, ct);
        }

        var written = fact.Kind == Actual
            ? await WriteActualAsync(db, fact, indicator!, year, c.Replace, clock, ct)
            : await WriteTargetAsync(db, fact, indicator!, year, c.Replace, errors, ct);
        errors.ThrowIfAny(db);

        fact.Status = ReviewStatus.Accepted;
        fact.IndicatorId = indicator!.Id;
        fact.RejectReason = null;
        fact.ReviewedBy = user;
        fact.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return new ReviewedFact(fact.Id, "accepted", fact.Version, indicator.Id, indicator.Code, written);
    }

    /// <summary>
    /// Accepts every pending fact of a document whose first suggestion is certain: the same indicator name after
    /// normalisation and the same unit (score 1). Each fact is accepted on its own, exactly as one by one, so a fact the
    /// rules refuse (a different figure already recorded, a locked month…) stays pending with its reason and does not
    /// hold back the others. Nothing is replaced: differing figures always need a person.
    /// With <paramref name="createMissing"/> a fact whose indicator is not in the catalogue gets a new one (simplified
    /// name, generated code, category proposed from the name, one shape for all the facts of that name whatever their
    /// order), so an empty or partial catalogue is filled from the document in one pass, targets and actuals alike. A
    /// name already in the catalogue in another unit is left for a person (converting units is not guessing).
    /// </summary>
    public static async Task<BulkAcceptResult> AcceptMatchingAsync(AppDbContext db, int documentId, string user, TimeProvider clock, bool createMissing = false, CancellationToken ct = default)
    {
        if (!await db.PlanDocuments.AnyAsync(d => d.Id == documentId, ct))
        {
            throw Invalid("document", $"没有编号为 {documentId} 的文档");
        }

        var catalogue = await db.Indicators.AsNoTracking().Select(i => new CatalogueEntry(i.Code, i.Name, i.Unit)).ToListAsync(ct);
        var pending = await db.ProposedFacts.AsNoTracking().Where(f => f.DocumentId == documentId && f.Status == ReviewStatus.Pending)
            .OrderBy(f => f.Ordinal).Select(f => new { f.Id, f.Version, f.Metric, f.Unit, f.Value, f.GrowthPct, f.Kind, f.Year }).ToListAsync(ct);
        var shapes = pending.GroupBy(f => FactAdoption.IndicatorName(f.Metric), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => FactAdoption.ShapeOf(g.Key, g.Select(f => (f.Unit, f.Value, f.GrowthPct))), StringComparer.Ordinal);
        var accepted = 0;
        var skipped = new List<BulkSkipped>();
        foreach (var f in pending)
        {
            var name = FactAdoption.IndicatorName(f.Metric);
            var best = FactAdoption.Suggest(f.Metric, f.Unit, catalogue, max: 1).FirstOrDefault();
            var sameName = catalogue.FirstOrDefault(c => FactAdoption.IndicatorName(c.Name) == name);
            string? code = best is { Score: 1.0 } ? best.Code : null;
            NewIndicatorInput? create = null;
            if (code is null && createMissing)
            {
                if (f.Kind is not (Actual or Target) || f.Year is null)
                {
                    skipped.Add(new BulkSkipped(f.Id, f.Metric, "未识别是实际数还是目标,或未识别年份,请逐条审核"));
                    continue;
                }

                if (sameName is not null)
                {
                    // The same name without its 全年/其中 wrapping: the same indicator, if the unit agrees.
                    var unit = f.Unit is null ? null : Chinese.Normalize(f.Unit).Trim();
                    if (f.Value is not null && unit != Chinese.Normalize(sameName.Unit))
                    {
                        skipped.Add(new BulkSkipped(f.Id, f.Metric, $"已有指标“{sameName.Name}”单位为{sameName.Unit},文中为{f.Unit};请换算后逐条采纳"));
                        continue;
                    }

                    code = sameName.Code;
                }
                else
                {
                    var shape = shapes[name];
                    create = new NewIndicatorInput(null, FactAdoption.ProposeCategory(name), shape.Direction, shape.Unit, shape.Kind);
                }
            }

            if (code is null && create is null)
            {
                continue;
            }

            try
            {
                var done = await AcceptFactAsync(db, new AcceptFactCommand(f.Id, f.Version, code, create), user, clock, ct);
                accepted++;
                if (create is not null && done.IndicatorCode is { } made)
                {
                    var i = await db.Indicators.AsNoTracking().FirstAsync(x => x.Code == made, ct);
                    catalogue.Add(new CatalogueEntry(i.Code, i.Name, i.Unit));
                }
            }
            catch (ValidationFailedException ex)
            {
                skipped.Add(new BulkSkipped(f.Id, f.Metric, string.Join(";", ex.Errors.SelectMany(e => e.Value))));
            }
            catch (ConcurrencyConflictException ex)
            {
                skipped.Add(new BulkSkipped(f.Id, f.Metric, ex.Message));
            }

            db.ChangeTracker.Clear();
        }

        return new BulkAcceptResult(accepted, skipped);
    }

    public static async Task<ReviewedFact> RejectFactAsync(AppDbContext db, int factId, int version, string? reason, string user, TimeProvider clock, CancellationToken ct = default)
    {
        var fact = await db.ProposedFacts.FirstOrDefaultAsync(f => f.Id == factId, ct) ?? throw Invalid("fact", $"没有编号为 {factId} 的识别结果");
        CheckOpen(fact.Status, fact.Version, version, "该事实");
        if (reason is { Length: > 500 })
        {
            throw Invalid("reason", $"驳回原因最多500字,收到{reason.Length}字");
        }

        fact.Status = ReviewStatus.Rejected;
        fact.RejectReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        fact.ReviewedBy = user;
        fact.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(db, ct);
        return new ReviewedFact(fact.Id, "rejected", fact.Version, null, null, null);
    }

    /// <summary>A rejected fact back to 待审 (a rejection by mistake); an accepted one is corrected on the indicator page.</summary>
    public static async Task<ReviewedFact> ReopenFactAsync(AppDbContext db, int factId, int version, string user, TimeProvider clock, CancellationToken ct = default)
    {
        var fact = await db.ProposedFacts.FirstOrDefaultAsync(f => f.Id == factId, ct) ?? throw Invalid("fact", $"没有编号为 {factId} 的识别结果");
        if (fact.Version != version)
        {
            throw Stale(fact.Version);
        }

        if (fact.Status != ReviewStatus.Rejected)
        {
            throw Invalid("status", fact.Status == ReviewStatus.Accepted ? "已采纳的事实不能退回待审;如需更正,请在指标页修改数据" : "该事实本来就是待审");
        }

        fact.Status = ReviewStatus.Pending;
        fact.RejectReason = null;
        fact.ReviewedBy = user;
        fact.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(db, ct);
        return new ReviewedFact(fact.Id, "pending", fact.Version, null, null, null);
    }

    public static async Task<ReviewedTask> AcceptTaskAsync(AppDbContext db, AcceptTaskCommand c, string user, TimeProvider clock, CancellationToken ct = default)
    {
        var task = await db.ProposedTasks.FirstOrDefaultAsync(t => t.Id == c.TaskId, ct) ?? throw Invalid("task", $"没有编号为 {c.TaskId} 的任务");
        CheckOpen(task.Status, task.Version, c.Version, "该任务");
        var errors = new Errors();
        var text = string.IsNullOrWhiteSpace(c.Text) ? task.Text : c.Text.Trim();
        if (text.Length > 2000)
        {
            errors.Add("text", $"任务内容最多2000字,收到{text.Length}字");
        }

        var units = c.ResponsibleUnits is null ? task.SubjectUnits : c.ResponsibleUnits.Trim();
        if (units is { Length: > 500 })
        {
            errors.Add("responsibleUnits", $"责任单位最多500字,收到{units.Length}字");
        }

        if (task.Year is null)
        {
            errors.Add("year", "任务所属年份未识别,无法列入年度任务清单");
        }

        Unit? lead = null;
        if (!string.IsNullOrWhiteSpace(c.LeadUnitCode))
        {
            var code = c.LeadUnitCode.Trim();
            lead = await db.Units.FirstOrDefaultAsync(u => u.Code == code, ct);
            if (lead is null)
            {
                errors.Add("leadUnitCode", $"未知单位“{code}”");
            }
        }

        var coCodes = (c.CoUnitCodes ?? []).Select(x => x.Trim()).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        // In the order picked: the responsible-units text lists them so.
        var coUnits = (await db.Units.AsNoTracking().Where(u => EF.Parameter(coCodes).Contains(u.Code)).ToListAsync(ct)).OrderBy(u => coCodes.IndexOf(u.Code)).ToList();
        var unknown = coCodes.Except(coUnits.Select(u => u.Code), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("coUnitCodes", $"未知单位“{string.Join("、", unknown)}”");
        }

        if (lead is not null && coUnits.Any(u => u.Id == lead.Id))
        {
            errors.Add("coUnitCodes", $"{lead.Name}已是牵头单位,不必再列为配合单位");
        }

        DateOnly? deadline = null;
        if (!string.IsNullOrWhiteSpace(c.Deadline))
        {
            deadline = KeyTasks.KeyTaskCommands.ParseDate(c.Deadline);
            if (deadline is null)
            {
                errors.Add("deadline", $"完成时限“{c.Deadline.Trim()}”不是日期,请写作 2023-12-31");
            }
            else if (task.Year is { } y && (deadline.Value.Year < y || deadline.Value.Year > y + 5))
            {
                errors.Add("deadline", $"完成时限{deadline:yyyy-MM-dd}应在{y}年至{y + 5}年之间");
            }
        }

        errors.ThrowIfAny(db);
        var order = await db.KeyTasks.Where(k => k.Year == task.Year).Select(k => (int?)k.SortOrder).MaxAsync(ct) ?? 0;
        var picked = lead is null ? null : string.Join("、", coUnits.Select(u => u.Name).Prepend(lead.Name));

        // The list is circulated in simplified characters, whatever the document was written in.
        var key = new KeyTask
        {
            Year = task.Year!.Value,
            Text = Chinese.ToSimplified(text),
            Metric = FactAdoption.IndicatorName(task.Metric),
            Quantity = task.Quantity,
            Unit = task.Unit,
            Section = task.Section,
            ResponsibleUnits = string.IsNullOrWhiteSpace(units) ? picked : Chinese.ToSimplified(units),
            LeadUnitId = lead?.Id,
            SourceDocumentId = task.DocumentId,
            SortOrder = order + 1,
            Deadline = deadline,
            AddedOn = KeyTasks.KeyTaskQueries.Today(clock),
            CoUnits = coUnits.Select(u => new KeyTaskCoUnit { UnitId = u.Id }).ToList(),
        };
        db.KeyTasks.Add(key);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(db, ct);
        task.KeyTaskId = key.Id;
        task.Status = ReviewStatus.Accepted;
        task.Text = text;
        task.SubjectUnits = units;
        task.ReviewedBy = user;
        task.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return new ReviewedTask(task.Id, "accepted", task.Version, key.Id);
    }

    public static async Task<ReviewedTask> RejectTaskAsync(AppDbContext db, int taskId, int version, string user, TimeProvider clock, CancellationToken ct = default)
    {
        var task = await db.ProposedTasks.FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw Invalid("task", $"没有编号为 {taskId} 的任务");
        CheckOpen(task.Status, task.Version, version, "该任务");
        task.Status = ReviewStatus.Rejected;
        task.ReviewedBy = user;
        task.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(db, ct);
        return new ReviewedTask(task.Id, "rejected", task.Version, null);
    }

    private static void CheckOpen(ReviewStatus status, int stored, int sent, string what)
    {
        if (stored != sent)
        {
            throw Stale(stored);
        }

        if (status != ReviewStatus.Pending)
        {
            throw Invalid("status", $"{what}已{(status == ReviewStatus.Accepted ? "采纳" : "驳回")},不能再次审核");
        }
    }

    private static void Apply(ProposedFact fact, FactEdit? edit, Errors errors)
    {
        if (edit is null)
        {
            return;
        }

        if (edit.Metric is { } metric)
        {
            metric = metric.Trim();
            if (metric.Length is 0 or > 200)
            {
                errors.Add("metric", metric.Length == 0 ? "请填写指标名称" : $"指标名称最多200字,收到{metric.Length}字");
            }
            else
            {
                fact.Metric = metric;
            }
        }

        if (edit.Value is not null)
        {
            fact.Value = Number(edit.Value, "value", "数值", errors, fact.Value);
        }

        if (edit.Growth is not null)
        {
            fact.GrowthPct = Number(edit.Growth.Trim().TrimEnd('%', '％'), "growth", "增速", errors, fact.GrowthPct);
        }

        if (edit.Unit is not null)
        {
            var unit = Chinese.Normalize(edit.Unit).Trim();
            if (unit.Length > 32)
            {
                errors.Add("unit", $"单位最多32字,收到“{unit}”");
            }
            else
            {
                fact.Unit = unit.Length == 0 ? null : unit;
            }
        }

        if (edit.Qualifier is not null)
        {
            var q = Chinese.Normalize(edit.Qualifier).Trim();
            fact.Qualifier = q.Length == 0 ? null : q.Length > 16 ? fact.Qualifier : q;
        }

        if (edit.Year is not null)
        {
            if (string.IsNullOrWhiteSpace(edit.Year))
            {
                fact.Year = null;
            }
            else if (int.TryParse(Chinese.NarrowForms(edit.Year.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            {
                fact.Year = y;
            }
            else
            {
                errors.Add("year", $"年份应为四位数字,收到“{edit.Year.Trim()}”");
            }
        }

        if (edit.Kind is not null)
        {
            fact.Kind = edit.Kind.Trim() switch
            {
                Actual or "实际" => Actual,
                Target or "目标" => Target,
                _ => fact.Kind,
            };
        }

        if (fact.Value is null)
        {
            fact.Unit = null;
        }
        else if (fact.Unit is null)
        {
            errors.Add("unit", "有数值时须填写单位");
        }
    }

    private static decimal? Number(string text, string field, string label, Errors errors, decimal? keep)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parse = AmountText.ParseNumber(text);
        if (parse.Ok)
        {
            return parse.Value;
        }

        errors.Add(field, $"{label}{parse.Message}");
        return keep;
    }

    private static async Task<Indicator?> FindIndicatorAsync(AppDbContext db, string? code, Errors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("indicator", "请选择对应的指标,或新建指标");
            return null;
        }

        var c = code.Trim();
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Code == c, ct);
        if (indicator is null)
        {
            errors.Add("indicator", $"未知指标“{c}”");
        }

        return indicator;
    }

    private static async Task<Indicator?> CreateIndicatorAsync(AppDbContext db, ProposedFact fact, NewIndicatorInput input, Errors errors, CancellationToken ct)
    {
        var shape = FactAdoption.Shape(fact.Metric, fact.Unit, fact.Value, fact.GrowthPct);
        if (input.Kind is { } kind)
        {
            shape = shape with { Kind = kind, Unit = input.Unit ?? shape.Unit };
        }

        var name = FactAdoption.IndicatorName(fact.Metric);
        if (name.Length == 0)
        {
            errors.Add("metric", "请填写指标名称");
            return null;
        }
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0)
        {
            // The catalogue's own scheme (ZB001…): the next free number.
            var codes = await db.Indicators.Where(i => i.Code.StartsWith("ZB")).Select(i => i.Code).ToListAsync(ct);
            var next = codes.Select(x => int.TryParse(x.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
            code = $"ZB{next:000}";
        }
        else if (code.Length > 32 || !IndicatorCode().IsMatch(code))
        {
            errors.Add("indicator", $"指标代码只能由字母、数字、-、_ 组成,最多32位,收到“{code}”");
            return null;
        }
        else if (await db.Indicators.AnyAsync(i => i.Code == code, ct))
        {
            errors.Add("indicator", $"指标代码“{code}”已被使用");
            return null;
        }

        var order = await db.Indicators.Select(i => (int?)i.SortOrder).MaxAsync(ct) ?? 0;
        var category = input.Category?.Trim();
        var indicator = new Indicator
        {
            Code = code,

            // Simplified and without the sentence's 全年/其中: the catalogue is searched and shown in simplified Chinese.
            Name = name,
            Unit = shape.Unit,
            Category = string.IsNullOrEmpty(category) || category == FactAdoption.OtherCategory
                ? FactAdoption.ProposeCategory(name)
                : category.Length > 50 ? category[..50] : category,
            Kind = shape.Kind,
            Direction = input.Direction ?? shape.Direction,
            Nature = Nature.Expected,
            Cumulative = shape.Kind is IndicatorKind.Level or IndicatorKind.Count,
            SortOrder = order + 1,
        };
        db.Indicators.Add(indicator);
        await SaveAsync(db, ct);
        return indicator;
    }

    private static async Task<string> WriteActualAsync(AppDbContext db, ProposedFact fact, Indicator indicator, int year, bool replace, TimeProvider clock, CancellationToken ct)
    {
        var period = year.ToString(CultureInfo.InvariantCulture);
        var existing = await db.IndicatorObservations.AsNoTracking().FirstOrDefaultAsync(o => o.IndicatorId == indicator.Id && o.Region == "" && o.Period == period, ct);

        // A report gives a figure's level in one sentence and its growth in another: each fills what the other left.
        var value = fact.Value ?? existing?.Value;
        var growth = fact.GrowthPct ?? existing?.GrowthPct;
        if (existing is not null && !replace
            && ((fact.Value is not null && existing.Value is { } ev && ev != fact.Value) || (fact.GrowthPct is not null && existing.GrowthPct is { } eg && eg != fact.GrowthPct)))
        {
            throw Invalid("replace", $"{indicator.Name}{year}年已有数据{Show(existing.Value, indicator.Unit, existing.GrowthPct)}(来源:{existing.Source ?? "未注明"}),与文中{Show(fact.Value, fact.Unit, fact.GrowthPct)}不同;确认以文中数据替换请勾选“替换现有数据”");
        }

        var source = $"文档:{fact.Document!.FileName}";
        var input = new ObservationInput(indicator.Code, period, value?.ToString(CultureInfo.InvariantCulture), growth?.ToString(CultureInfo.InvariantCulture),
            Final: true, Source: source.Length > RecordObservations.SourceMaxLength ? source[..RecordObservations.SourceMaxLength] : source,
            Note: existing?.Note, Unit: value is null ? null : fact.Value is null ? indicator.Unit : fact.Unit, Region: "");
        RecordObservationsResult saved;
        try
        {
            saved = await RecordObservations.HandleAsync(db, new RecordObservationsCommand([input]), clock, ct);
        }
        catch (ValidationFailedException ex)
        {
            // The batch handler speaks of rows ("第1行累计值:…"); here there is one figure, keyed by the review form's fields.
            throw new ValidationFailedException(ex.Errors.ToDictionary(
                e => e.Key.Replace("rows[0].", "", StringComparison.Ordinal) switch { "indicatorCode" => "indicator", "period" => "year", var k => k },
                e => e.Value.Select(m => RowPrefix().Replace(m, "")).ToArray()));
        }

        var row = await db.IndicatorObservations.FirstAsync(o => o.Id == saved.Rows[0].Id, ct);
        row.SourceQuote = row.SourceQuote is { } q && q.Length > 0 && !q.Contains(fact.Quote, StringComparison.Ordinal) && existing is not null && !replace
            ? Clip($"{q}|{fact.Quote}", 2000)
            : fact.Quote;
        return $"{period}年实际";
    }

    private static async Task<string> WriteTargetAsync(AppDbContext db, ProposedFact fact, Indicator indicator, int year, bool replace, Errors errors, CancellationToken ct)
    {
        if (fact.Value is not null && fact.Unit != indicator.Unit)
        {
            errors.Add("unit", $"{indicator.Name}的单位是“{indicator.Unit}”,文中为“{fact.Unit}”;请换算为{indicator.Unit}后采纳");
        }

        if (indicator.Kind == IndicatorKind.GrowthRate && fact.Value is not null)
        {
            errors.Add("value", $"{indicator.Name}是增速类指标,目标只填增速");
        }

        if (indicator.Kind == IndicatorKind.Share && fact.GrowthPct is not null)
        {
            errors.Add("growth", $"{indicator.Name}是比重类指标,目标只填数值({indicator.Unit})");
        }

        if (errors.Any)
        {
            return "";
        }

        var plan = await AnnualPlanAsync(db, year, ct);

        var target = await db.IndicatorTargets.FirstOrDefaultAsync(t => t.PlanId == plan.Id && t.IndicatorId == indicator.Id && t.Year == year && t.Region == "", ct);
        var stretch = fact.Qualifier == "力争";
        if (target is null)
        {
            // A 力争 figure with no base target yet is the year's target itself.
            target = new IndicatorTarget { PlanId = plan.Id, IndicatorId = indicator.Id, Year = year, Region = "" };
            db.IndicatorTargets.Add(target);
            SetBase(target, fact);
            return $"{year}年目标";
        }

        if (stretch && (target.Value is not null || target.GrowthPct is not null) && !(target.Value == fact.Value && target.GrowthPct == fact.GrowthPct))
        {
            if ((target.StretchValue is not null || target.StretchGrowthPct is not null) && !replace
                && !(target.StretchValue == fact.Value && target.StretchGrowthPct == fact.GrowthPct))
            {
                throw Invalid("replace", $"{indicator.Name}{year}年已有力争目标{Show(target.StretchValue, indicator.Unit, target.StretchGrowthPct)},与文中{Show(fact.Value, fact.Unit, fact.GrowthPct)}不同;确认替换请勾选“替换现有数据”");
            }

            target.StretchValue = fact.Value;
            target.StretchGrowthPct = fact.GrowthPct;
            target.SourceQuote = target.SourceQuote is { } q && !q.Contains(fact.Quote, StringComparison.Ordinal) ? Clip($"{q}|{fact.Quote}", 2000) : target.SourceQuote ?? fact.Quote;
            return $"{year}年力争目标";
        }

        var differs = (fact.Value is not null && target.Value is { } tv && tv != fact.Value) || (fact.GrowthPct is not null && target.GrowthPct is { } tg && tg != fact.GrowthPct);
        if (differs && !replace)
        {
            throw Invalid("replace", $"{indicator.Name}{year}年已有目标{Show(target.Value, indicator.Unit, target.GrowthPct)},与文中{Show(fact.Value, fact.Unit, fact.GrowthPct)}不同;确认替换请勾选“替换现有数据”");
        }

        SetBase(target, fact, keepOther: !replace);
        return $"{year}年目标";
    }

    /// <summary>The year's annual plan, made when there is none yet.</summary>
    private static async Task<DevelopmentPlan> AnnualPlanAsync(AppDbContext db, int year, CancellationToken ct)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Kind == PlanKind.Annual && p.StartYear == year, ct);
        if (plan is null)
        {
            plan = new DevelopmentPlan { Code = $"{year}-annual", Name = $"{year}年国民经济和社会发展计划", Kind = PlanKind.Annual, StartYear = year, EndYear = year };
            db.Plans.Add(plan);
            await SaveAsync(db, ct);
        }

        return plan;
    }

    /// <summary>
    /// Makes sure some plan covers <paramref name="year"/> (its years or its baseline year before): when none does, the
    /// document's own plan year is made when the figure is its baseline or its year, else the plan of the year after.
    /// </summary>
    private static async Task PlanCoveringAsync(AppDbContext db, int year, int? documentPlanYear, CancellationToken ct)
    {
        if (await db.Plans.AnyAsync(p => year >= p.StartYear - 1 && year <= p.EndYear, ct))
        {
            return;
        }

        await AnnualPlanAsync(db, documentPlanYear is { } py && (py == year || py == year + 1) ? py : year + 1, ct);
    }

    private static void SetBase(IndicatorTarget t, ProposedFact fact, bool keepOther = false)
    {
        t.Value = fact.Value ?? (keepOther ? t.Value : null);
        t.GrowthPct = fact.GrowthPct ?? (keepOther ? t.GrowthPct : null);
        var q = FactAdoption.QualifierOf(fact.Qualifier);
        if (q != Qualifier.None || !keepOther)
        {
            t.Qualifier = q;
        }

        t.SourceQuote = keepOther && t.SourceQuote is { } s && !s.Contains(fact.Quote, StringComparison.Ordinal) ? Clip($"{s}|{fact.Quote}", 2000) : fact.Quote;
    }

    private static string Show(decimal? value, string? unit, decimal? growth)
    {
        var parts = new List<string>();
        if (value is { } v)
        {
            parts.Add($"{v.ToString("0.####", CultureInfo.InvariantCulture)}{unit}");
        }

        if (growth is { } g)
        {
            parts.Add($"增长{g.ToString("0.####", CultureInfo.InvariantCulture)}%");
        }

        return parts.Count == 0 ? "(空)" : string.Join("、", parts);
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("已被他人同时审核或修改,请刷新后再操作", 0);
        }
    }

    private static ConcurrencyConflictException Stale(int current) => new($"已被他人审核或修改(当前版本 {current}),请刷新后再操作", current);

    private static ValidationFailedException Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IndicatorCode();

    [GeneratedRegex(@"^第\d+行")]
    private static partial Regex RowPrefix();

    /// <summary>Field → messages; thrown as one <see cref="ValidationFailedException"/> after the tracker is cleared.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public bool Any => _byField.Count > 0;

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var list))
            {
                _byField[field] = list = [];
            }

            list.Add(message);
        }

        public void ThrowIfAny(AppDbContext db)
        {
            if (_byField.Count > 0)
            {
                // Corrections applied to the tracked fact must not ride along with the next save on this context.
                db.ChangeTracker.Clear();
                throw new ValidationFailedException(_byField.ToDictionary(e => e.Key, e => e.Value.ToArray()));
            }
        }
    }
}

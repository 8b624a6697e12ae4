using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.KeyTasks;
using PlanPulse.App.Features.PlanDocuments;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Indicators;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Tests.PlanDocuments;

/// <summary>Upload the seed, review its facts and tasks: what is written where, what is refused, and that a refusal saves nothing.</summary>
public sealed class ReviewPlanDocumentTests
{
    private static readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 1, 10, 10, 0, 0, ReportingCalendar.ChinaOffset));

    private const string SeedName = "000_6da318eeea9b20a6.txt";

    private static readonly Lazy<byte[]> _seed = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PlanPulse.slnx")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllBytes(Path.Combine(dir!.FullName, "tests", "fixtures", "seed", SeedName));
    });

    private static async Task<int> UploadSeedAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return (await UploadPlanDocument.HandleAsync(db, _seed.Value, SeedName, "planoffice", _clock)).Id;
    }

    private static async Task<ProposedFact> FactAsync(TestDatabase database, int document, Func<ProposedFact, bool> which)
    {
        await using var db = database.NewContext();
        return (await db.ProposedFacts.AsNoTracking().Where(f => f.DocumentId == document).OrderBy(f => f.Ordinal).ToListAsync()).First(which);
    }

    private static async Task<ReviewedFact> AcceptAsync(TestDatabase database, ProposedFact f, string? code, NewIndicatorInput? created = null, FactEdit? edit = null, bool replace = false)
    {
        await using var db = database.NewContext();
        return await ReviewPlanDocument.AcceptFactAsync(db, new AcceptFactCommand(f.Id, f.Version, code, created, edit, replace), "planoffice", _clock);
    }

    private static async Task<string> CodeOfAsync(TestDatabase database, string name)
    {
        await using var db = database.NewContext();
        return await db.Indicators.Where(i => i.Name == name).Select(i => i.Code).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Upload_Seed_EveryFactAndTaskStoredPendingWithItsQuoteAtItsOffsets(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var id = await UploadSeedAsync(database);

        await using var db = database.NewContext();
        var doc = await db.PlanDocuments.AsNoTracking().Include(d => d.Facts).Include(d => d.Tasks).SingleAsync(d => d.Id == id);
        var expected = PlanPulse.Domain.Extraction.PlanExtractor.Extract(doc.Text);
        Assert.Equal(expected.Facts.Count, doc.Facts.Count);
        Assert.True(doc.Facts.Count >= 186, $"the seed has 186 labelled facts, stored {doc.Facts.Count}");
        Assert.Equal(expected.Tasks.Count, doc.Tasks.Count);
        Assert.Equal(2023, doc.PlanYear);
        Assert.StartsWith("重慶市長壽區發展和改革委員會關于", doc.Title, StringComparison.Ordinal);
        Assert.All(doc.Facts, f =>
        {
            Assert.Equal(ReviewStatus.Pending, f.Status);
            Assert.Equal(f.Quote, doc.Text[f.Start..f.End]);
        });
        Assert.Contains(doc.Facts, f => f.Metric == "地區生產總值" && f.Value == 918.6m && f.GrowthPct == 2.6m && f.Year == 2022 && f.Kind == "actual");

        // The audit trail records the document's size, not a second copy of its text.
        var created = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Entity == nameof(PlanDocument));
        var text = System.Text.Json.JsonDocument.Parse(created.Changes).RootElement.GetProperty(nameof(PlanDocument.Text)).GetProperty("new").GetString();
        Assert.Equal($"({doc.Text.Length} 字)", text);
        Assert.True(created.Changes.Length < 2000, $"audit row of {created.Changes.Length} characters");
    }

    public static TheoryData<string, string, string> BadUploads
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var provider in Databases.All)
            {
                data.Add(provider, "binary", "二进制");
                data.Add(provider, "no-name", "请选择");
                data.Add(provider, "old-word", ".docx");
                data.Add(provider, "broken-docx", "docx");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Upload_Unreadable_ClearErrorAndNothingSaved(string provider, string kind, string inMessage)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (bytes, name) = kind switch
        {
            "binary" => (new byte[] { 0, 1, 2, 0xFF, 0, 0, 7, 9, 0, 0 }, "x.txt"),
            "no-name" => (Encoding.UTF8.GetBytes("地区生产总值918.6亿元"), " "),
            "old-word" => (new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "report.doc"),
            _ => ([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "report.docx"),
        };
        await using var db = database.NewContext();
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadPlanDocument.HandleAsync(db, bytes, name, "planoffice", _clock));
        Assert.Contains(inMessage, Assert.Single(ex.Errors["file"]), StringComparison.Ordinal);
        Assert.Equal(0, await db.PlanDocuments.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Upload_MoreProposalsThanOneReviewCanTake_RefusedAndNothingSaved(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var text = "一、2024年工作回顾\n" + string.Concat(Enumerable.Range(1, UploadPlanDocument.MaxProposals + 1).Select(i => $"第{i}批新增企业{i}家。\n"));
        await using var db = database.NewContext();
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadPlanDocument.HandleAsync(db, Encoding.UTF8.GetBytes(text), "yearbook.txt", "planoffice", _clock));
        Assert.Contains("拆分", Assert.Single(ex.Errors["file"]), StringComparison.Ordinal);
        Assert.Equal(0, await db.PlanDocuments.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Upload_TextWithoutFigures_StoredWithNoProposals(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var done = await UploadPlanDocument.HandleAsync(db, Encoding.UTF8.GetBytes("关于做好年度计划工作的通知\n各单位:请认真做好有关工作。"), "notice.txt", "planoffice", _clock);
        Assert.Equal((0, 0), (done.Facts, done.Tasks));
        Assert.Equal("关于做好年度计划工作的通知", done.Title);
    }

    /// <summary>The demo already holds the seed's figures: accepting one that agrees changes only its provenance.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AcceptActual_AgreesWithRecordedFigure_SourceBecomesTheDocument(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        var doc = await UploadSeedAsync(database);
        var fact = await FactAsync(database, doc, f => f.Metric == "一般公共預算收入" && f.Year == 2022);
        var code = await CodeOfAsync(database, "一般公共预算收入");

        var done = await AcceptAsync(database, fact, code);

        Assert.Equal(("accepted", code, "2022年实际"), (done.Status, done.IndicatorCode, done.Written));
        await using var db = database.NewContext();
        var o = await db.IndicatorObservations.AsNoTracking().SingleAsync(o => o.Indicator!.Code == code && o.Period == "2022" && o.Region == "");
        Assert.Equal((50.4m, true, $"文档:{SeedName}", fact.Quote), (o.Value, o.Final, o.Source, o.SourceQuote));
        var stored = await db.ProposedFacts.AsNoTracking().SingleAsync(f => f.Id == fact.Id);
        Assert.Equal((ReviewStatus.Accepted, "planoffice", fact.Version + 1), (stored.Status, stored.ReviewedBy, stored.Version));
        Assert.NotNull(stored.IndicatorId);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AcceptActual_DiffersFromRecordedFigure_RefusedUntilReplaceConfirmed(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        var doc = await UploadSeedAsync(database);
        var fact = await FactAsync(database, doc, f => f.Metric == "一般公共預算收入" && f.Year == 2022);
        var code = await CodeOfAsync(database, "一般公共预算收入");
        var corrected = new FactEdit(Value: "50.6");

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(database, fact, code, edit: corrected));
        var message = Assert.Single(ex.Errors["replace"]);
        Assert.Contains("已有数据50.4亿元", message, StringComparison.Ordinal);
        Assert.Contains("50.6亿元", message, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(50.4m, await db.IndicatorObservations.Where(o => o.Indicator!.Code == code && o.Period == "2022").Select(o => o.Value).SingleAsync());
            var still = await db.ProposedFacts.AsNoTracking().SingleAsync(f => f.Id == fact.Id);
            Assert.Equal((ReviewStatus.Pending, fact.Version, 50.4m), (still.Status, still.Version, still.Value));
        }

        await AcceptAsync(database, fact, code, edit: corrected, replace: true);
        await using (var db = database.NewContext())
        {
            Assert.Equal(50.6m, await db.IndicatorObservations.Where(o => o.Indicator!.Code == code && o.Period == "2022").Select(o => o.Value).SingleAsync());
            Assert.Equal(50.6m, (await db.ProposedFacts.AsNoTracking().SingleAsync(f => f.Id == fact.Id)).Value);
        }
    }

    /// <summary>On an empty catalogue: a target makes the year's annual plan, 力争 becomes the stretch, the past year's growth its actual.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AcceptIntoNewIndicator_TargetStretchAndActual(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var doc = await UploadSeedAsync(database);
        var baseTarget = await FactAsync(database, doc, f => f.Kind == "target" && f.Value == 350m && f.Unit == "亿元");
        var stretch = await FactAsync(database, doc, f => f.Kind == "target" && f.Value == 400m && f.Qualifier == "力争");
        var actual = await FactAsync(database, doc, f => f.Kind == "actual" && f.Metric == "固定資產投資" && f.GrowthPct == 5.2m);

        // The 2022 figure first, before any plan exists: it is the baseline of the document's 2023 plan, which is made.
        var a = await AcceptAsync(database, actual, null, new NewIndicatorInput("FAI", "经济发展", null, "亿元", IndicatorKind.Level));
        Assert.Equal(("FAI", "2022年实际"), (a.IndicatorCode, a.Written));

        var made = await AcceptAsync(database, baseTarget, "FAI");
        Assert.Equal(("FAI", "2023年目标"), (made.IndicatorCode, made.Written));
        var s = await AcceptAsync(database, stretch, "FAI");
        Assert.Equal("2023年力争目标", s.Written);

        await using var db = database.NewContext();
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.Code == "FAI");
        Assert.Equal(("固定资产投资", "亿元", IndicatorKind.Level, "经济发展"), (indicator.Name, indicator.Unit, indicator.Kind, indicator.Category));
        var plan = await db.Plans.AsNoTracking().SingleAsync();
        Assert.Equal((PlanKind.Annual, 2023, 2023), (plan.Kind, plan.StartYear, plan.EndYear));
        var target = await db.IndicatorTargets.AsNoTracking().SingleAsync();
        Assert.Equal((350m, 400m, (decimal?)null), (target.Value, target.StretchValue, target.GrowthPct));
        Assert.Contains(baseTarget.Quote, target.SourceQuote, StringComparison.Ordinal);
        Assert.Contains(stretch.Quote, target.SourceQuote, StringComparison.Ordinal);
        var o = await db.IndicatorObservations.AsNoTracking().SingleAsync();
        Assert.Equal(("2022", (decimal?)null, 5.2m, true), (o.Period, o.Value, o.GrowthPct, o.Final));
        Assert.Equal(3, await db.ProposedFacts.CountAsync(f => f.Status == ReviewStatus.Accepted));
    }

    public static TheoryData<string, string, string> Refusals
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var provider in Databases.All)
            {
                foreach (var (name, key) in new[]
                {
                    ("not-a-number", "value"), ("unit-mismatch", "unit"), ("no-indicator", "indicator"), ("unknown-indicator", "indicator"),
                    ("no-year", "year"), ("no-figure", "value"), ("new-code-taken", "indicator"), ("bad-new-code", "indicator"),
                })
                {
                    data.Add(provider, name, key);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AcceptFact_BadInput_ErrorOnItsFieldAndNothingSaved(string provider, string refusal, string field)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        var doc = await UploadSeedAsync(database);
        var gdp = await FactAsync(database, doc, f => f.Metric == "地區生產總值" && f.Year == 2022);
        var code = await CodeOfAsync(database, "地区生产总值");
        int indicators, audit;
        await using (var db = database.NewContext())
        {
            (indicators, audit) = (await db.Indicators.CountAsync(), await db.AuditEntries.CountAsync());
        }

        Task<ReviewedFact> Act() => refusal switch
        {
            "not-a-number" => AcceptAsync(database, gdp, code, edit: new FactEdit(Value: "约919亿")),
            "unit-mismatch" => AcceptAsync(database, gdp, code, edit: new FactEdit(Unit: "万元")),
            "no-indicator" => AcceptAsync(database, gdp, " "),
            "unknown-indicator" => AcceptAsync(database, gdp, "NOPE"),
            "no-year" => AcceptAsync(database, gdp, code, edit: new FactEdit(Year: "")),
            "no-figure" => AcceptAsync(database, gdp, code, edit: new FactEdit(Value: "", Growth: "")),
            "new-code-taken" => AcceptAsync(database, gdp, null, new NewIndicatorInput(code)),
            _ => AcceptAsync(database, gdp, null, new NewIndicatorInput("有 空格")),
        };

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(Act);
        Assert.True(ex.Errors.ContainsKey(field), $"expected an error on {field}, got {string.Join(", ", ex.Errors.Keys)}: {ex.Message}");
        Assert.All(ex.Errors.Values.SelectMany(m => m), m => Assert.DoesNotContain("第1行", m, StringComparison.Ordinal));
        await using (var db = database.NewContext())
        {
            var still = await db.ProposedFacts.AsNoTracking().SingleAsync(f => f.Id == gdp.Id);
            Assert.Equal((ReviewStatus.Pending, gdp.Version, 918.6m, "亿元", (int?)2022), (still.Status, still.Version, still.Value, still.Unit, still.Year));
            Assert.Equal(indicators, await db.Indicators.CountAsync());
            Assert.Equal(audit, await db.AuditEntries.CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Review_StaleVersionConflicts_AndADecidedFactCannotBeDecidedAgain(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        var doc = await UploadSeedAsync(database);
        var fact = await FactAsync(database, doc, f => f.Metric == "地區生產總值" && f.Year == 2022);
        var code = await CodeOfAsync(database, "地区生产总值");

        await using (var db = database.NewContext())
        {
            var rejected = await ReviewPlanDocument.RejectFactAsync(db, fact.Id, fact.Version, "重复", "planoffice", _clock);
            Assert.Equal("rejected", rejected.Status);
        }

        // A second reviewer working from the page they loaded before the rejection.
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AcceptAsync(database, fact, code));
        Assert.Equal(fact.Version + 1, stale.CurrentVersion);

        var current = await FactAsync(database, doc, f => f.Id == fact.Id);
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(database, current, code));
        Assert.Contains("已驳回", Assert.Single(again.Errors["status"]), StringComparison.Ordinal);
        Assert.Equal("重复", current.RejectReason);

        await using (var db = database.NewContext())
        {
            await ReviewPlanDocument.ReopenFactAsync(db, current.Id, current.Version, "planoffice", _clock);
        }

        var reopened = await FactAsync(database, doc, f => f.Id == fact.Id);
        Assert.Equal((ReviewStatus.Pending, (string?)null), (reopened.Status, reopened.RejectReason));
        await AcceptAsync(database, reopened, code);
        await using (var db = database.NewContext())
        {
            var accepted = await db.ProposedFacts.AsNoTracking().SingleAsync(f => f.Id == fact.Id);
            var reopen = await Assert.ThrowsAsync<ValidationFailedException>(() => ReviewPlanDocument.ReopenFactAsync(db, accepted.Id, accepted.Version, "planoffice", _clock));
            Assert.Contains("已采纳", Assert.Single(reopen.Errors["status"]), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AcceptTask_BecomesAKeyTaskWithResponsibleUnits(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        var doc = await UploadSeedAsync(database);
        ProposedTask task;
        Unit drc;
        int demoTasks;
        await using (var db = database.NewContext())
        {
            task = await db.ProposedTasks.AsNoTracking().Where(t => t.DocumentId == doc).OrderBy(t => t.Ordinal).FirstAsync();
            drc = await db.Units.AsNoTracking().FirstAsync(u => u.Name == "区发展改革委");
            demoTasks = await db.KeyTasks.CountAsync();
            var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                ReviewPlanDocument.AcceptTaskAsync(db, new AcceptTaskCommand(task.Id, task.Version, LeadUnitCode: "NO-SUCH-UNIT"), "planoffice", _clock));
            Assert.Contains("NO-SUCH-UNIT", Assert.Single(unknown.Errors["leadUnitCode"]), StringComparison.Ordinal);
            Assert.Equal(demoTasks, await db.KeyTasks.CountAsync());
        }

        await using (var db = database.NewContext())
        {
            var badCo = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                ReviewPlanDocument.AcceptTaskAsync(db, new AcceptTaskCommand(task.Id, task.Version, LeadUnitCode: drc.Code, CoUnitCodes: [drc.Code]), "planoffice", _clock));
            Assert.Contains("已是牵头单位", Assert.Single(badCo.Errors["coUnitCodes"]), StringComparison.Ordinal);
        }

        await using (var db = database.NewContext())
        {
            var done = await ReviewPlanDocument.AcceptTaskAsync(db,
                new AcceptTaskCommand(task.Id, task.Version, LeadUnitCode: drc.Code, CoUnitCodes: ["D-EIC", "D-COM"], Deadline: "2023/12/31"), "planoffice", _clock);
            Assert.NotNull(done.KeyTaskId);
        }

        // The existing demo key tasks are not from the document; the accepted one is the one with a source.
        var asOf = new DateOnly(2023, 12, 6);
        await using (var db = database.NewContext())
        {
            var key = Assert.Single(await KeyTaskQueries.ListAsync(db, task.Year!.Value, asOf), k => k.SourceDocumentId == doc);
            Assert.Equal((Chinese.ToSimplified(task.Text), task.Quantity, task.Unit, "区发展改革委", SeedName), (key.Text, key.Quantity, key.Unit, key.LeadUnit, key.SourceDocument));
            Assert.Equal(new[] { "区经济信息委", "区商务委" }.Order(StringComparer.Ordinal), key.CoUnits.Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.Equal("区发展改革委、区经济信息委、区商务委", key.ResponsibleUnits);
            Assert.Equal((new DateOnly(2023, 12, 31), "未启动"), (key.Deadline, key.RecordedStatus));
            Assert.DoesNotContain("計劃", key.Text, StringComparison.Ordinal);
            var reject = await db.ProposedTasks.AsNoTracking().Where(t => t.DocumentId == doc && t.Status == ReviewStatus.Pending).OrderBy(t => t.Ordinal).FirstAsync();
            await ReviewPlanDocument.RejectTaskAsync(db, reject.Id, reject.Version, "planoffice", _clock);
            Assert.Single(await KeyTaskQueries.ListAsync(db, task.Year!.Value, asOf), k => k.SourceDocumentId == doc);
            var summary = (await PlanDocumentQueries.ListAsync(db)).Single();
            Assert.Equal(summary.Tasks - 2, summary.TasksPending);
            Assert.Equal(1, summary.TasksAccepted);
        }
    }

    /// <summary>The demo's catalogue was made from the seed: most facts match an indicator by name and unit exactly.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AcceptMatching_CertainOnesAccepted_DifferingFiguresLeftForAPerson(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        var doc = await UploadSeedAsync(database);
        var gdp = await FactAsync(database, doc, f => f.Metric == "地區生產總值" && f.Year == 2022);
        var code = await CodeOfAsync(database, "地区生产总值");
        await using (var db = database.NewContext())
        {
            // Someone corrected the 2022 GDP since the report: the bulk step must not overwrite it.
            var o = await db.IndicatorObservations.SingleAsync(o => o.Indicator!.Code == code && o.Period == "2022" && o.Region == "");
            o.Value = 920.1m;
            await db.SaveChangesAsync();
        }

        BulkAcceptResult result;
        await using (var db = database.NewContext())
        {
            result = await ReviewPlanDocument.AcceptMatchingAsync(db, doc, "planoffice", _clock);
        }

        await using (var db = database.NewContext())
        {
            var facts = await db.ProposedFacts.AsNoTracking().Where(f => f.DocumentId == doc).ToListAsync();
            Assert.Equal(result.Accepted, facts.Count(f => f.Status == ReviewStatus.Accepted));
            Assert.True(result.Accepted > facts.Count / 2, $"{result.Accepted} of {facts.Count} accepted");
            var skipped = Assert.Single(result.Skipped, s => s.FactId == gdp.Id);
            Assert.Contains("已有数据920.1亿元", skipped.Reason, StringComparison.Ordinal);
            Assert.Equal(ReviewStatus.Pending, facts.Single(f => f.Id == gdp.Id).Status);
            Assert.Equal(920.1m, await db.IndicatorObservations.Where(o => o.Indicator!.Code == code && o.Period == "2022" && o.Region == "").Select(o => o.Value).SingleAsync());
            Assert.All(facts.Where(f => f.Status == ReviewStatus.Accepted), f => Assert.NotNull(f.IndicatorId));
        }

        // A second run finds nothing new to accept and changes nothing.
        await using (var db = database.NewContext())
        {
            var audit = await db.AuditEntries.CountAsync();
            var again = await ReviewPlanDocument.AcceptMatchingAsync(db, doc, "planoffice", _clock);
            Assert.Equal(0, again.Accepted);
            Assert.Equal(result.Skipped.Count, again.Skipped.Count);
            Assert.Equal(audit, await db.AuditEntries.CountAsync());
        }
    }

    /// <summary>
    /// Item 7 of issue 12: on an empty database one pass over the seed fills the catalogue. Indicators are made with
    /// simplified names, generated codes and proposed categories; targets and actuals are both written, the 2022
    /// actuals making the 2023 plan they are the baseline of.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AcceptMatchingCreate_EmptyDatabase_SeedFillsCatalogueWithSimplifiedNamesTargetsAndActuals(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var doc = await UploadSeedAsync(database);
        BulkAcceptResult plain, result;
        await using (var db = database.NewContext())
        {
            // Without creation an empty catalogue matches nothing, as before.
            plain = await ReviewPlanDocument.AcceptMatchingAsync(db, doc, "planoffice", _clock);
        }

        await using (var db = database.NewContext())
        {
            result = await ReviewPlanDocument.AcceptMatchingAsync(db, doc, "planoffice", _clock, createMissing: true);
        }

        Assert.Equal(0, plain.Accepted);
        await using var check = database.NewContext();
        var indicators = await check.Indicators.AsNoTracking().ToListAsync();
        var facts = await check.ProposedFacts.AsNoTracking().Where(f => f.DocumentId == doc).ToListAsync();
        Assert.True(result.Accepted >= facts.Count * 9 / 10, $"{result.Accepted} of {facts.Count} accepted; skipped: {string.Join(" | ", result.Skipped.Select(x => $"{x.Metric}: {x.Reason}"))}");
        Assert.Equal(result.Accepted, facts.Count(f => f.Status == ReviewStatus.Accepted));

        var names = indicators.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("计划安排重大建设项目", names);
        Assert.Contains("地区生产总值", names);
        Assert.DoesNotContain("計劃安排重大建設項目", names);
        Assert.All(indicators, i => Assert.Equal(Chinese.ToSimplified(i.Name), i.Name));
        Assert.Equal(indicators.Count, names.Count);
        Assert.All(indicators, i => Assert.Matches("^ZB[0-9]{3}$", i.Code));

        var energy = indicators.Single(i => i.Name == "单位GDP能耗强度");
        Assert.Equal((Direction.LowerIsBetter, "生态和安全"), (energy.Direction, energy.Category));
        Assert.Equal("重大项目安排", indicators.Single(i => i.Name == "计划安排重大建设项目").Category);

        var gdp = indicators.Single(i => i.Name == "地区生产总值");
        var actual = await check.IndicatorObservations.AsNoTracking().SingleAsync(o => o.IndicatorId == gdp.Id && o.Period == "2022");
        Assert.Equal((918.6m, 2.6m), (actual.Value, actual.GrowthPct));

        // One indicator with both: its 2022 growth (stated before the level) and its 2023 target in 亿元 with a 力争 stretch.
        var investment = indicators.Single(i => i.Name == "固定资产投资");
        Assert.Equal(("亿元", IndicatorKind.Level), (investment.Unit, investment.Kind));
        var growth = await check.IndicatorObservations.AsNoTracking().SingleAsync(o => o.IndicatorId == investment.Id && o.Period == "2022");
        Assert.Equal(5.2m, growth.GrowthPct);
        var target = await check.IndicatorTargets.AsNoTracking().SingleAsync(t => t.IndicatorId == investment.Id && t.Year == 2023);
        Assert.Equal((350m, 400m), (target.Value, target.StretchValue));
        var projects = indicators.Single(i => i.Name == "计划安排重大建设项目");
        Assert.Equal(220m, (await check.IndicatorTargets.AsNoTracking().SingleAsync(t => t.IndicatorId == projects.Id)).Value);
        Assert.True(await check.IndicatorObservations.CountAsync() >= 50);
        Assert.True(await check.IndicatorTargets.CountAsync() >= 40);
        var plan = await check.Plans.AsNoTracking().SingleAsync();
        Assert.Equal((PlanKind.Annual, 2023), (plan.Kind, plan.StartYear));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Briefing;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.KeyTasks;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Domain.Tasks;

namespace PlanPulse.App.Tests.KeyTasks;

/// <summary>Key tasks on the demo: the list's verdicts, hand-made tasks, progress by the lead unit only, the workbook round trip, the briefing.</summary>
public sealed class KeyTaskTrackingTests
{
    /// <summary>10 December 2023 in Beijing: November's notes were due on the 5th.</summary>
    private static readonly FakeTimeProvider _clock = new(new DateTimeOffset(2023, 12, 10, 10, 0, 0, ReportingCalendar.ChinaOffset));

    private static readonly DateOnly _asOf = new(2023, 12, 6);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Demo_List_EveryColourAndTheCountsAgree(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var all = await KeyTaskQueries.ListAsync(db, 2023, _asOf);

        Assert.Equal(DemoKeyTasksCount, all.Count);
        Assert.Equal(["blue", "green", "red", "yellow"], all.Select(t => t.Colour).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.All(all, t => Assert.NotNull(t.Lead));
        Assert.All(all, t => Assert.NotNull(t.Deadline));
        Assert.Contains(all, t => t.Overdue && t.Status == "滞后");
        Assert.Contains(all, t => t.MissingNoteMonth == 202311 && !t.Overdue);
        var overdue = await KeyTaskQueries.ListAsync(db, 2023, _asOf, new KeyTaskFilter(Overdue: true));
        Assert.Equal(all.Count(t => t.Overdue), overdue.Count);
        Assert.All(overdue, t => Assert.True(t.Deadline < _asOf && t.RecordedStatus != "已完成"));
        var drc = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "D-DRC");
        var mine = await KeyTaskQueries.ListAsync(db, 2023, _asOf, new KeyTaskFilter(UnitId: drc.Id));
        Assert.NotEmpty(mine);
        Assert.All(mine, t => Assert.True(t.Lead!.Id == drc.Id || t.CoUnits.Any(c => c.Id == drc.Id)));
        var done = await KeyTaskQueries.ListAsync(db, 2023, _asOf, new KeyTaskFilter(Status: KeyTaskStatus.Done));
        Assert.All(done, t => Assert.Equal("blue", t.Colour));

        var summary = await KeyTaskQueries.SummaryAsync(db, 2023, _asOf);
        Assert.Equal(all.Count, summary.ByStatus.Values.Sum());
        Assert.Equal(all.Count(t => t.Colour == "red"), summary.Behind.Count);
        Assert.True(summary.Behind.Count > 0);
    }

    private const int DemoKeyTasksCount = 24;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Create_BadInput_ErrorsByFieldAndNothingSaved_ThenCreatedAndEdited_StaleEditRefused(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        int tasks, audit;
        await using (var db = database.NewContext())
        {
            (tasks, audit) = (await db.KeyTasks.CountAsync(), await db.AuditEntries.CountAsync());
            var bad = new KeyTaskInput(Text: "", Quantity: "约10", LeadUnitCode: "NOPE", CoUnitCodes: ["D-EIC", "ALSO-NOPE"], Deadline: "2023-13-40", Status: "快完了");
            var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => KeyTaskCommands.CreateAsync(db, new CreateKeyTaskCommand(2023, bad), _clock));
            Assert.Equal(["coUnitCodes", "deadline", "leadUnitCode", "quantity", "status", "text"], ex.Errors.Keys.Order(StringComparer.Ordinal).ToArray());
            Assert.Contains("NOPE", ex.Errors["leadUnitCode"][0], StringComparison.Ordinal);
            Assert.Contains("ALSO-NOPE", ex.Errors["coUnitCodes"][0], StringComparison.Ordinal);
            Assert.Contains("2023-13-40", ex.Errors["deadline"][0], StringComparison.Ordinal);
            Assert.Contains("快完了", ex.Errors["status"][0], StringComparison.Ordinal);
        }

        KeyTaskSaved saved;
        await using (var db = database.NewContext())
        {
            Assert.Equal((tasks, audit), (await db.KeyTasks.CountAsync(), await db.AuditEntries.CountAsync()));
            var input = new KeyTaskInput(Text: "完成老旧小区改造30个", Metric: "老旧小区改造", Quantity: "３０", Unit: "个", LeadUnitCode: "D-HUD", CoUnitCodes: ["D-PLN"], Deadline: "2023年11月30日");
            saved = await KeyTaskCommands.CreateAsync(db, new CreateKeyTaskCommand(2023, input), _clock);
        }

        await using (var db = database.NewContext())
        {
            var t = (await KeyTaskQueries.GetAsync(db, saved.Id, _asOf))!.Task;
            Assert.Equal(("完成老旧小区改造30个", 30m, "区住房城乡建委", "区住房城乡建委、区规划自然资源局", new DateOnly(2023, 11, 30)), (t.Text, t.Quantity, t.LeadUnit, t.ResponsibleUnits, t.Deadline));

            // Added on 10 December with a 30 November deadline: overdue, though it owes no note for November.
            Assert.Equal(("red", true, (int?)null), (t.Colour, t.Overdue, t.MissingNoteMonth));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(KeyTask) && a.Key == saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Created"));

            var edited = await KeyTaskCommands.UpdateAsync(db, new UpdateKeyTaskCommand(saved.Id, saved.Version, new KeyTaskInput(Status: "已完成", CoUnitCodes: [])));
            Assert.Equal(saved.Version + 1, edited.Version);
        }

        await using (var db = database.NewContext())
        {
            var t = (await KeyTaskQueries.GetAsync(db, saved.Id, _asOf))!.Task;
            Assert.Equal(("blue", "已完成", 0), (t.Colour, t.Status, t.CoUnits.Count));
            var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                KeyTaskCommands.UpdateAsync(db, new UpdateKeyTaskCommand(saved.Id, saved.Version, new KeyTaskInput(Text: "覆盖他人的修改"))));
            Assert.Equal(saved.Version + 1, stale.CurrentVersion);
        }

        await using (var db = database.NewContext())
        {
            Assert.Equal("完成老旧小区改造30个", (await db.KeyTasks.AsNoTracking().SingleAsync(k => k.Id == saved.Id)).Text);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task WriteProgress_OnlyTheLeadUnit_OneNotePerMonth_StaleRewriteRefused(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        int taskId;
        string drcPath, eicPath;
        await using (var db = database.NewContext())
        {
            // A DRC-led task whose November note is missing (red).
            var all = await KeyTaskQueries.ListAsync(db, 2023, _asOf);
            taskId = all.First(t => t.Lead!.Code == "D-DRC" && t.MissingNoteMonth == 202311).Id;
            drcPath = await db.Units.Where(u => u.Code == "D-DRC").Select(u => u.Path).SingleAsync();
            eicPath = await db.Units.Where(u => u.Code == "D-EIC").Select(u => u.Path).SingleAsync();
        }

        await using (var db = database.NewContext())
        {
            db.ApplyScope(DataScope.ForUnit(eicPath));
            var audit = await db.AuditEntries.CountAsync();
            var other = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(taskId, "2023-11", "越权填报", null, null), "reporter-eic", _clock));
            Assert.Contains("区发展改革委", Assert.Single(other.Errors["keyTask"]), StringComparison.Ordinal);
            Assert.Equal(audit, await db.AuditEntries.CountAsync());
        }

        await using (var db = database.NewContext())
        {
            db.ApplyScope(DataScope.ForUnit(drcPath));
            var future = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(taskId, "2024-01", "还没到", null, null), "reporter-drc", _clock));
            Assert.True(future.Errors.ContainsKey("month"));
            var empty = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(taskId, "2023-11", " ", "推进", null), "reporter-drc", _clock));
            Assert.Equal(["status", "text"], empty.Errors.Keys.Order(StringComparer.Ordinal).ToArray());

            var written = await KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(taskId, "2023-11", "11月完成产值350亿元", "推进中", null), "reporter-drc", _clock);
            Assert.Equal((202311, "推进中"), (written.Month, written.Status));

            // A second writer from a page loaded before the note existed must not overwrite it.
            var again = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
                KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(taskId, "202311", "另一份进展", null, null), "reporter-drc-2", _clock));
            Assert.Contains("reporter-drc", again.Message, StringComparison.Ordinal);
            var rewritten = await KeyTaskCommands.WriteProgressAsync(db, new WriteProgressCommand(taskId, "202311", "11月完成产值360亿元", "已完成", written.NoteVersion), "reporter-drc", _clock);
            Assert.Equal(written.NoteId, rewritten.NoteId);
        }

        await using (var check = database.NewContext())
        {
            var detail = (await KeyTaskQueries.GetAsync(check, taskId, _asOf))!;
            var nov = Assert.Single(detail.Notes, n => n.Month == 202311);
            Assert.Equal(("11月完成产值360亿元", "reporter-drc", "已完成"), (nov.Text, nov.WrittenBy, nov.Status));
            Assert.Equal(("blue", "已完成"), (detail.Task.Colour, detail.Task.RecordedStatus));
            Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Entity == nameof(KeyTaskProgress) && a.Key == nov.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Workbook_ExportReimportsUnchanged_BadCellsNamedAndNothingSaved(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        byte[] exported;
        await using (var db = database.NewContext())
        {
            exported = KeyTaskWorkbook.Export(2023, await KeyTaskQueries.ListAsync(db, 2023, _asOf));
            var same = await KeyTaskWorkbook.ImportAsync(db, new MemoryStream(exported), new ImportOptions(ImportMode.Commit), 2023, _clock);
            Assert.True(same.Ok, string.Join("\n", same.Problems));
            Assert.Equal((DemoKeyTasksCount, 0, 0, DemoKeyTasksCount), (same.Summary.Rows, same.Summary.Created, same.Summary.Updated, same.Summary.Unchanged));
        }

        var rows = MiniExcel.Query(new MemoryStream(exported), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => new Dictionary<string, object?>(r, StringComparer.Ordinal)).ToList();
        rows[0]["牵头单位"] = "区不存在局";           // row 2
        rows[1]["完成时限"] = "明年";                  // row 3
        rows[2]["状态"] = "差不多";                    // row 4
        rows[3]["重点任务"] = "新的任务表述";            // row 5: a valid change
        rows.Add(new Dictionary<string, object?>(rows[4], StringComparer.Ordinal) { ["编号"] = null, ["重点任务"] = "新增:建成智慧停车场3个", ["配合单位"] = "区交通局、区城市管理局" });
        var edited = new MemoryStream();
        edited.SaveAs(rows, sheetName: KeyTaskWorkbook.SheetName(2023));

        int count, audit;
        await using (var db = database.NewContext())
        {
            (count, audit) = (await db.KeyTasks.CountAsync(), await db.AuditEntries.CountAsync());
            edited.Position = 0;
            var refused = await KeyTaskWorkbook.ImportAsync(db, edited, new ImportOptions(ImportMode.Commit), 2023, _clock);
            Assert.False(refused.Saved);
            Assert.Equal(3, refused.Problems.Count);
            Assert.Contains(refused.Problems, p => p.Row == 2 && p.Column == "牵头单位" && p.Message.Contains("区不存在局", StringComparison.Ordinal));
            Assert.Contains(refused.Problems, p => p.Row == 3 && p.Column == "完成时限" && p.Message.Contains("明年", StringComparison.Ordinal));
            Assert.Contains(refused.Problems, p => p.Row == 4 && p.Column == "状态" && p.Message.Contains("差不多", StringComparison.Ordinal));
            Assert.All(refused.Problems, p => Assert.NotNull(p.ColumnLetter));
        }

        await using (var db = database.NewContext())
        {
            Assert.Equal((count, audit), (await db.KeyTasks.CountAsync(), await db.AuditEntries.CountAsync()));
            edited.Position = 0;
            var kept = await KeyTaskWorkbook.ImportAsync(db, edited, new ImportOptions(ImportMode.Commit, KeepValid: true), 2023, _clock);
            Assert.True(kept.Saved);
            Assert.Equal((1, 1, 3), (kept.Summary.Created, kept.Summary.Updated, kept.Summary.Rejected));
            Assert.NotNull(kept.RejectedWorkbook);
        }

        await using (var check = database.NewContext())
        {
            Assert.Equal(count + 1, await check.KeyTasks.CountAsync());
            var added = await check.KeyTasks.AsNoTracking().Include(k => k.CoUnits).ThenInclude(c => c.Unit).SingleAsync(k => k.Text == "新增:建成智慧停车场3个");
            Assert.Equal(new[] { "区交通局", "区城市管理局" }.Order(StringComparer.Ordinal), added.CoUnits.Select(c => c.Unit!.Name).Order(StringComparer.Ordinal));
            Assert.True(await check.KeyTasks.AnyAsync(k => k.Text == "新的任务表述"));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Briefing_HasTheKeyTaskSection_WordAndExcel(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();

        var m = await MonthlyBriefing.BuildAsync(db, new YearMonth(2023, 11));

        Assert.Equal(DemoKeyTasksCount, m.KeyTasks.Total);
        var paragraph = MonthlyBriefing.KeyTaskParagraph(m);
        Assert.Contains($"重点任务共{DemoKeyTasksCount}项", paragraph, StringComparison.Ordinal);
        Assert.Contains($"逾期未完成{m.KeyTasks.Overdue}项", paragraph, StringComparison.Ordinal);
        Assert.True(m.KeyTasks.Overdue > 0);

        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(MonthlyBriefing.ToDocx(m)), false);
        var text = docx.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("六、重点任务推进情况", text, StringComparison.Ordinal);
        Assert.Contains("滞后重点任务清单", text, StringComparison.Ordinal);
        Assert.All(m.KeyTasks.Behind, t => Assert.Contains(t.LeadUnit!, text, StringComparison.Ordinal));

        var xlsx = new MemoryStream(MonthlyBriefing.ToXlsx(m));
        Assert.Contains("滞后重点任务", xlsx.GetSheetNames());
        xlsx.Position = 0;
        var behind = MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "滞后重点任务").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(m.KeyTasks.Behind.Count, behind.Count);
        Assert.All(behind, r => Assert.False(string.IsNullOrEmpty(r["牵头单位"]?.ToString())));
    }
}

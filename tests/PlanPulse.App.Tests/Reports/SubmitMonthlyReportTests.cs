using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Reports;

public sealed class SubmitMonthlyReportTests
{
    /// <summary>10:00 on 10 March 2023, Beijing time: January and February are open, March is the current month.</summary>
    private static readonly DateTimeOffset _march10 = Beijing(2023, 3, 10, 10, 0);

    /// <summary>Every invalid input, each run on both databases.</summary>
    public static TheoryData<string, string> Rejections
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in Databases.All)
            {
                foreach (var name in new[] { "future-month", "locked-month", "negative-without-note", "non-numeric", "empty-amount", "unknown-project", "unknown-project-id", "no-project", "unknown-milestone", "bad-month" })
                {
                    data.Add(provider, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task HandleAsync_InvalidInput_RejectedOnFieldAndSavesNothing(string provider, string rejection)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);
        await using (var db = database.NewContext())
        {
            // An existing January report, so the rejected commands would otherwise update it.
            await SubmitAsync(db, clock, SmallPortfolio.First, "2023-01", "100");
        }

        var valid = new SubmitMonthlyReportCommand(SmallPortfolio.First, null, "2023-01", "250", "主体施工", null, ["开工"]);
        var (command, field) = rejection switch
        {
            "future-month" => (valid with { Month = "2023-04" }, "month"),
            "locked-month" => (valid, "month"),
            "negative-without-note" => (valid with { Amount = "-50" }, "amount"),
            "non-numeric" => (valid with { Amount = "约3亿" }, "amount"),
            "empty-amount" => (valid with { Amount = " " }, "amount"),
            "unknown-project" => (valid with { ProjectCode = "NO-SUCH-PROJECT" }, "projectId"),
            "unknown-project-id" => (valid with { ProjectCode = null, ProjectId = 987_654 }, "projectId"),
            "no-project" => (valid with { ProjectCode = null }, "projectId"),
            "unknown-milestone" => (valid with { Milestones = ["开工", "封顶了吗"] }, "milestones"),
            "bad-month" => (valid with { Month = "2023-13" }, "month"),
            _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
        };
        if (rejection == "locked-month")
        {
            await using var db = database.NewContext();
            db.MonthLocks.Add(new MonthLock { Month = 202301, LockedBy = "计划科", LockedAt = new DateTime(2023, 2, 10, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        }

        var before = await CountRowsAsync(database);

        await using (var db = database.NewContext())
        {
            var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitMonthlyReport.HandleAsync(db, command, "tester", clock));
            Assert.Contains(field, ex.Errors.Keys);
            Assert.All(ex.Errors[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
        }

        Assert.Equal(before, await CountRowsAsync(database));
        await using var check = database.NewContext();
        var january = await check.MonthlyReports.SingleAsync();
        Assert.Equal(100m, january.Amount);
        Assert.Equal("测试", january.Progress);
        Assert.Equal(0, january.Version);
        Assert.Empty(await check.ReachedMilestones.ToListAsync());
    }

    /// <summary>Typed amounts as the grid and the API send them, read by the same rule as the Excel import.</summary>
    public static TheoryData<string, string, string?, string?> TypedAmounts
    {
        get
        {
            var data = new TheoryData<string, string, string?, string?>();
            foreach (var provider in Databases.All)
            {
                data.Add(provider, "1,234.5", "1234.5", null);
                data.Add(provider, "１２０万元", "120", null);
                data.Add(provider, "1,2", null, "本月完成投资(万元)“1,2”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点");
                data.Add(provider, "3亿元", null, "本月完成投资(万元)“3亿元”的单位是亿元,本栏以万元为单位,请换算为万元或只填数字");
                data.Add(provider, "", null, "本月完成投资(万元)未填写");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TypedAmounts))]
    public async Task HandleAsync_TypedAmount_ReadByTheOneRule(string provider, string typed, string? stored, string? error)
    {
        await using var database = await CreateAsync(provider);
        await using var db = database.NewContext();
        var clock = new FakeTimeProvider(_march10);

        var (result, ex) = await Outcome(() => SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", typed));

        if (stored is not null)
        {
            Assert.Null(ex);
            Assert.Equal(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), result!.Amount);
        }
        else
        {
            var failed = Assert.IsType<ValidationFailedException>(ex);
            Assert.Equal(error!, Assert.Single(failed.Errors["amount"]));
            Assert.Equal(0, await db.MonthlyReports.CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_MonthAfterCurrentBeijingMonth_Rejected(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using var db = database.NewContext();

        // 23:59 on 30 June in Beijing is still June there, although it is 15:59 UTC.
        var clock = new FakeTimeProvider(Beijing(2023, 6, 30, 23, 59));
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => SubmitAsync(db, clock, SmallPortfolio.First, "2023-07", "10"));

        Assert.Equal(["month"], ex.Errors.Keys);
        Assert.Equal(0, await db.MonthlyReports.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_CurrentBeijingMonthWhileStillPreviousMonthInUtc_Accepted(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using var db = database.NewContext();

        // 00:30 on 1 July in Beijing is 16:30 on 30 June UTC: July is already the current month.
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 6, 30, 16, 30, 0, TimeSpan.Zero));
        var result = await SubmitAsync(db, clock, SmallPortfolio.First, "202307", "10");

        Assert.Equal(202307, result.Month);
        Assert.Equal(nameof(ReportStatus.Submitted), result.Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_ReopenedMonth_Accepted(string provider)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);
        await using (var db = database.NewContext())
        {
            await MonthLocks.LockAsync(db, new(2023, 1), "计划科", "1月数据已发布", clock);
            await MonthLocks.ReopenAsync(db, new(2023, 1), "计划科", "补报", clock);
        }

        await using var submit = database.NewContext();
        var result = await SubmitAsync(submit, clock, SmallPortfolio.First, "2023-01", "10");

        Assert.Equal(10m, result.Amount);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_NegativeAmountWithCorrectionNote_AcceptedAndCumulativeFalls(string provider)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);
        await using (var db = database.NewContext())
        {
            var january = await SubmitAsync(db, clock, SmallPortfolio.First, "2023-01", "500");
            Assert.Equal(500m, january.CumulativeThisYear);
        }

        await using (var db = database.NewContext())
        {
            var february = await SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", "-100", note: "核减1月重复填报");

            Assert.Equal(-100m, february.Amount);
            Assert.Equal(400m, february.CumulativeThisYear);
        }

        await using var check = database.NewContext();
        var saved = await check.MonthlyReports.SingleAsync(r => r.Month == 202302);
        Assert.Equal(-100m, saved.Amount);
        Assert.Equal("核减1月重复填报", saved.CorrectionNote);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_FullWidthDigits_AcceptedAsNumber(string provider)
    {
        await using var database = await CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            var result = await SubmitAsync(db, new FakeTimeProvider(_march10), SmallPortfolio.First, "2023-02", "１２３．５");
            Assert.Equal(123.5m, result.Amount);
        }

        await using var check = database.NewContext();
        Assert.Equal(123.5m, (await check.MonthlyReports.SingleAsync()).Amount);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_KnownMilestoneByChineseOrEnglishName_RecordedOnce(string provider)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);
        await using (var db = database.NewContext())
        {
            await SubmitAsync(db, clock, SmallPortfolio.First, "2023-01", "10", milestones: ["开工", "registered"]);
        }

        await using (var db = database.NewContext())
        {
            await SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", "10", milestones: ["Start"]);
        }

        await using var check = database.NewContext();
        var reached = await check.ReachedMilestones.OrderBy(m => m.Kind).ToListAsync();
        Assert.Collection(
            reached,
            m => Assert.Equal((MilestoneKind.Start, 202301), (m.Kind, m.Month)),
            m => Assert.Equal((MilestoneKind.Registered, 202301), (m.Kind, m.Month)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_StaleVersion_ThrowsConcurrencyConflictAndKeepsSavedReport(string provider)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);
        await using (var db = database.NewContext())
        {
            var created = await SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", "100");
            Assert.Equal(0, created.Version);
        }

        await using (var db = database.NewContext())
        {
            var updated = await SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", "200", version: 0);
            Assert.Equal(1, updated.Version);
        }

        await using (var db = database.NewContext())
        {
            var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", "300", version: 0));
            Assert.Equal(1, ex.CurrentVersion);
        }

        await using var check = database.NewContext();
        var saved = await check.MonthlyReports.SingleAsync();
        Assert.Equal((200m, 1), (saved.Amount, saved.Version));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_TwoContextsUpdateSameReport_OneWinsOtherGetsConflict(string provider)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);
        await using (var db = database.NewContext())
        {
            await SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", "100");
        }

        // B reads the report (version 0) and pauses; A saves version 1; then B saves what it read as version 0.
        var pause = new PauseAfterRead("MonthlyReports");
        await using var a = database.NewContext();
        await using var b = database.NewContext(pause);
        var bTask = Task.Run(() => SubmitAsync(b, clock, SmallPortfolio.First, "2023-02", "300", version: 0));
        await pause.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        var winner = await SubmitAsync(a, clock, SmallPortfolio.First, "2023-02", "200", version: 0);
        pause.Release();

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => bTask);

        Assert.Equal(1, winner.Version);
        Assert.Equal(1, ex.CurrentVersion);
        await using var check = database.NewContext();
        var saved = await check.MonthlyReports.SingleAsync();
        Assert.Equal((200m, 1), (saved.Amount, saved.Version));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_TwoContextsUpdateSameReportInParallel_NoLostUpdate(string provider)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);
        await using (var db = database.NewContext())
        {
            await SubmitAsync(db, clock, SmallPortfolio.First, "2023-02", "100");
        }

        await using var a = database.NewContext();
        await using var b = database.NewContext();
        var outcomes = await Task.WhenAll(
            Outcome(() => SubmitAsync(a, clock, SmallPortfolio.First, "2023-02", "200", version: 0)),
            Outcome(() => SubmitAsync(b, clock, SmallPortfolio.First, "2023-02", "300", version: 0)));

        var won = Assert.Single(outcomes, o => o.Result is not null);
        var lost = Assert.Single(outcomes, o => o.Error is not null);
        Assert.IsType<ConcurrencyConflictException>(lost.Error);
        await using var check = database.NewContext();
        var saved = await check.MonthlyReports.SingleAsync();
        Assert.Equal((won.Result!.Amount, 1), (saved.Amount, saved.Version));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HandleAsync_TwoContextsCreateSameReport_OneWinsOtherGetsConflict(string provider)
    {
        await using var database = await CreateAsync(provider);
        var clock = new FakeTimeProvider(_march10);

        // B finds no report and pauses; A creates it; B then tries to create the same (project, month) report.
        var pause = new PauseAfterRead("MonthlyReports");
        await using var a = database.NewContext();
        await using var b = database.NewContext(pause);
        var bTask = Task.Run(() => SubmitAsync(b, clock, SmallPortfolio.First, "2023-02", "300"));
        await pause.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        var winner = await SubmitAsync(a, clock, SmallPortfolio.First, "2023-02", "200");
        pause.Release();

        // The loser must learn that someone else saved first (the API answers 409), not crash with a database error.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => bTask);

        await using var check = database.NewContext();
        var saved = await check.MonthlyReports.SingleAsync();
        Assert.Equal((winner.Amount, winner.Version), (saved.Amount, saved.Version));
    }

    private static async Task<TestDatabase> CreateAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SmallPortfolio.SeedAsync(db);
        return database;
    }

    private static Task<SubmitMonthlyReportResult> SubmitAsync(
        AppDbContext db, TimeProvider clock, string project, string month, string amount, string? note = null, IReadOnlyList<string>? milestones = null, int? version = null) =>
        SubmitMonthlyReport.HandleAsync(db, new SubmitMonthlyReportCommand(project, null, month, amount, "测试", note, milestones, Version: version), "tester", clock);

    private static async Task<(SubmitMonthlyReportResult? Result, Exception? Error)> Outcome(Func<Task<SubmitMonthlyReportResult>> action)
    {
        try
        {
            return (await Task.Run(action), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    private static async Task<string> CountRowsAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return string.Join(
            ",",
            await db.MonthlyReports.CountAsync(),
            await db.ReachedMilestones.CountAsync(),
            await db.AuditEntries.CountAsync(),
            await db.MonthLocks.CountAsync(),
            await db.Projects.CountAsync());
    }

    private static DateTimeOffset Beijing(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, ReportingCalendar.ChinaOffset);
}

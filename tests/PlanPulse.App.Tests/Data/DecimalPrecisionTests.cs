using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Tests.Data;

/// <summary>Amounts are 万元 with 元 precision (4 decimals) on both databases; SQLite keeps them as whole 元.</summary>
public sealed class DecimalPrecisionTests
{
    private static readonly DateTimeOffset _march10 = new(2023, 3, 10, 10, 0, 0, ReportingCalendar.ChinaOffset);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SaveAndRead_AmountWithYuanPrecision_SurvivesExactly(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await SmallPortfolio.SeedAsync(db);
            await SubmitMonthlyReport.HandleAsync(db, new SubmitMonthlyReportCommand(SmallPortfolio.First, null, "2023-01", "1234.5678", null, null, null), "tester", new FakeTimeProvider(_march10));
        }

        await using var check = database.NewContext();
        var report = await check.MonthlyReports.SingleAsync();
        Assert.Equal(1234.5678m, report.Amount);

        var stored = await ScalarAsync(check, "SELECT \"Amount\" FROM \"MonthlyReports\"");
        if (provider == Databases.Sqlite)
        {
            // 1234.5678 万元 = 12,345,678 元, an INTEGER.
            Assert.Equal(12_345_678L, Assert.IsType<long>(stored));
        }
        else
        {
            Assert.Equal(1234.5678m, Assert.IsType<decimal>(stored));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SaveAndRead_ExtremeAmounts_SurviveExactlyAndSumExactly(string provider)
    {
        decimal[] amounts = [0.0001m, -0.0001m, 99_999_999.9999m, 1234.5678m, 0.1m, 0.2m];
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await SmallPortfolio.SeedAsync(db);
            var project = await db.Projects.SingleAsync(p => p.Code == SmallPortfolio.First);
            project.TotalInvestment = 99_999_999.9999m;
            project.FundOther = 0.0001m;
            for (var m = 0; m < amounts.Length; m++)
            {
                db.MonthlyReports.Add(new MonthlyReport
                {
                    ProjectId = project.Id,
                    Month = 202301 + m,
                    Amount = amounts[m],
                    CorrectionNote = amounts[m] < 0 ? "核减" : null,
                    Status = ReportStatus.Approved,
                    SubmittedAt = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                });
            }

            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var read = await check.MonthlyReports.OrderBy(r => r.Month).Select(r => r.Amount).ToListAsync();
        Assert.Equal(amounts, read);
        var summed = await check.MonthlyReports.SumAsync(r => r.Amount);
        Assert.Equal(amounts.Sum(), summed);
        var projectRow = await check.Projects.SingleAsync(p => p.Code == SmallPortfolio.First);
        Assert.Equal((99_999_999.9999m, 0.0001m), (projectRow.TotalInvestment, projectRow.FundOther));

        var june = await PortfolioEvaluator.EvaluateAsync(check, new(2023, 6));
        Assert.Equal(amounts.Sum(), june.Projects.Single(p => p.Code == SmallPortfolio.First).Completed);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SaveAndRead_FinerThanYuan_RoundsToYuanTheSameOnBothDatabases(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await SmallPortfolio.SeedAsync(db);
            await SubmitMonthlyReport.HandleAsync(db, new SubmitMonthlyReportCommand(SmallPortfolio.First, null, "2023-01", "1.23455", null, null, null), "tester", new FakeTimeProvider(_march10));
        }

        await using var check = database.NewContext();
        Assert.Equal(1.2346m, (await check.MonthlyReports.SingleAsync()).Amount);
    }

    private static async Task<object?> ScalarAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var value = await command.ExecuteScalarAsync();
            return value is decimal d ? decimal.Parse(d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

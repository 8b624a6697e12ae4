using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.Bench;

internal sealed record TrackTotals(string Track, int Projects, decimal TotalInvestment, decimal AnnualPlan, decimal Completed);

internal sealed record UnitTotals(UnitType Type, string UnitCode, string UnitName, int Projects, decimal AnnualPlan, decimal Completed, decimal PreviousCompleted)
{
    public decimal? CompletionRate => AnnualPlan > 0 ? Completed / AnnualPlan : null;
}

/// <summary>
/// The baseline: the same aggregation written as one plain SQL statement, run through the app's own connection
/// (<c>db.Database.GetDbConnection()</c>) in the same process. The text is the same on SQLite and PostgreSQL; only
/// the amount type differs (SQLite: whole 元 as INTEGER; PostgreSQL: numeric 万元). The deadline rule is the year's
/// default (the bench database has no stored rule set), exactly what the app uses on it.
/// </summary>
internal static class Baseline
{
    // Two plain formulations of each aggregation; the bench uses the faster one on each database (both were tried on
    // both, see docs/performance.md). Both give the same numbers, which the bench checks against the app.
    //
    //  * "per project first" (SQLite): the year's reports summed per project through IX_MonthlyReports_Month (the
    //    rows of a month lie together), then joined to the list's projects and grouped. On PostgreSQL this 50,000-group
    //    numeric aggregate spills to disk with the default work_mem (4 MB) and is 2x slower.
    //  * "per group" (PostgreSQL): the list's projects (a CTE), their sums per group, plus the reports hash-joined to
    //    them and summed per group directly (3 or a few thousand groups, no spill). SQLite runs this one as 50,000 index
    //    seeks into the reports and is slower.

    private const string ListJoins = """
        FROM "ProjectLists" AS l
        JOIN "ProjectListEntries" AS e ON e."ProjectListId" = l."Id"
        JOIN "Projects" AS p ON p."Id" = e."ProjectId"
        LEFT JOIN "AnnualPlans" AS ap ON ap."ProjectId" = p."Id" AND ap."Year" = @year
        """;

    private const string ListFilter = """WHERE l."Year" = @year AND l."Code" = @list""";

    /// <summary>What the evaluator counts: reports of the year up to the month, submitted or approved before the deadline.</summary>
    private const string CountedReportsFilter = """
        WHERE m."Month" >= @first AND m."Month" <= @month
          AND m."SubmittedAt" IS NOT NULL AND m."SubmittedAt" < @cutoff
          AND m."Status" IN (2, 3)
        """;

    private const string PerProject = $"""
        r AS (
            SELECT m."ProjectId", SUM(m."Amount") AS "Done",
                   SUM(CASE WHEN m."Month" <= @prev AND m."SubmittedAt" < @prevCutoff THEN m."Amount" ELSE 0 END) AS "PrevDone"
            FROM "MonthlyReports" AS m
            {CountedReportsFilter}
            GROUP BY m."ProjectId"
        )
        """;

    private const string ListProjects = $"""
        pr AS (
            SELECT p."Id", p."TrackId", p."ResponsibleUnitId", p."TownId", p."CommandId", p."TotalInvestment",
                   COALESCE(ap."PlannedInvestment", 0) AS "Plan"
            {ListJoins}
            {ListFilter}
        )
        """;

    private const string UnitsOfEachType = """
        x AS (
            SELECT 1 AS "Type", "R" AS "U", "N", "Plan", "Done", "PrevDone" FROM g
            UNION ALL SELECT 2, "T", "N", "Plan", "Done", "PrevDone" FROM g
            UNION ALL SELECT 4, "C", "N", "Plan", "Done", "PrevDone" FROM g
        )
        SELECT u."Type", u."Code", u."Name", SUM(x."N"), SUM(x."Plan"), SUM(x."Done"), SUM(x."PrevDone")
        FROM x JOIN "Units" AS u ON u."Id" = x."U" AND u."Type" = x."Type"
        GROUP BY u."Type", u."Id", u."Code", u."Name"
        """;

    /// <summary>Projects, total investment, annual plan and completed-this-year as of the deadline, per track.</summary>
    public const string SqliteSummarySql = $"""
        WITH {PerProject}
        SELECT t."Name", COUNT(*), SUM(p."TotalInvestment"), COALESCE(SUM(ap."PlannedInvestment"), 0), COALESCE(SUM(r."Done"), 0)
        {ListJoins}
        LEFT JOIN "Tracks" AS t ON t."Id" = p."TrackId" AND t."Year" = @year
        LEFT JOIN r ON r."ProjectId" = p."Id"
        {ListFilter}
        GROUP BY t."Id", t."Name"
        ORDER BY MIN(t."SortOrder")
        """;

    public const string PostgresSummarySql = $"""
        WITH {ListProjects}, g AS (
            SELECT "TrackId", COUNT(*) AS "N", SUM("TotalInvestment") AS "Total", SUM("Plan") AS "Plan", 0 AS "Done"
            FROM pr GROUP BY "TrackId"
            UNION ALL
            SELECT pr."TrackId", 0, 0, 0, SUM(m."Amount")
            FROM "MonthlyReports" AS m JOIN pr ON pr."Id" = m."ProjectId"
            {CountedReportsFilter}
            GROUP BY pr."TrackId"
        )
        SELECT t."Name", SUM(g."N"), SUM(g."Total"), SUM(g."Plan"), SUM(g."Done")
        FROM g LEFT JOIN "Tracks" AS t ON t."Id" = g."TrackId" AND t."Year" = @year
        GROUP BY t."Id", t."Name"
        ORDER BY MIN(t."SortOrder")
        """;

    /// <summary>Completed and plan per responsible unit (departments), as of the deadline.</summary>
    public const string SqliteRankingSql = $"""
        WITH {PerProject}
        SELECT u."Code", u."Name", COUNT(*), COALESCE(SUM(ap."PlannedInvestment"), 0), COALESCE(SUM(r."Done"), 0)
        {ListJoins}
        JOIN "Units" AS u ON u."Id" = p."ResponsibleUnitId"
        LEFT JOIN r ON r."ProjectId" = p."Id"
        {ListFilter} AND u."Type" = 1
        GROUP BY u."Id", u."Code", u."Name"
        """;

    public const string PostgresRankingSql = $"""
        WITH {ListProjects}, g AS (
            SELECT "ResponsibleUnitId" AS "U", COUNT(*) AS "N", SUM("Plan") AS "Plan", 0 AS "Done"
            FROM pr GROUP BY "ResponsibleUnitId"
            UNION ALL
            SELECT pr."ResponsibleUnitId", 0, 0, SUM(m."Amount")
            FROM "MonthlyReports" AS m JOIN pr ON pr."Id" = m."ProjectId"
            {CountedReportsFilter}
            GROUP BY pr."ResponsibleUnitId"
        )
        SELECT u."Code", u."Name", SUM(g."N"), SUM(g."Plan"), SUM(g."Done")
        FROM g JOIN "Units" AS u ON u."Id" = g."U" AND u."Type" = 1
        GROUP BY u."Id", u."Code", u."Name"
        """;

    /// <summary>
    /// The league tables' money facts for all three ranked unit types, for the month and the previous month (the app
    /// evaluates both for the rank change), in one statement: sums per (responsible unit, town, command) combination,
    /// then per unit of each type.
    /// </summary>
    public const string SqliteRankingFullSql = $"""
        WITH {PerProject}, g AS (
            SELECT p."ResponsibleUnitId" AS "R", p."TownId" AS "T", p."CommandId" AS "C", COUNT(*) AS "N",
                   COALESCE(SUM(ap."PlannedInvestment"), 0) AS "Plan", COALESCE(SUM(r."Done"), 0) AS "Done", COALESCE(SUM(r."PrevDone"), 0) AS "PrevDone"
            {ListJoins}
            LEFT JOIN r ON r."ProjectId" = p."Id"
            {ListFilter}
            GROUP BY p."ResponsibleUnitId", p."TownId", p."CommandId"
        ), {UnitsOfEachType}
        """;

    public const string PostgresRankingFullSql = $"""
        WITH {ListProjects}, g AS (
            SELECT "ResponsibleUnitId" AS "R", "TownId" AS "T", "CommandId" AS "C", COUNT(*) AS "N", SUM("Plan") AS "Plan", 0 AS "Done", 0 AS "PrevDone"
            FROM pr GROUP BY "ResponsibleUnitId", "TownId", "CommandId"
            UNION ALL
            SELECT pr."ResponsibleUnitId", pr."TownId", pr."CommandId", 0, 0,
                   SUM(m."Amount"),
                   SUM(CASE WHEN m."Month" <= @prev AND m."SubmittedAt" < @prevCutoff THEN m."Amount" ELSE 0 END)
            FROM "MonthlyReports" AS m JOIN pr ON pr."Id" = m."ProjectId"
            {CountedReportsFilter}
            GROUP BY pr."ResponsibleUnitId", pr."TownId", pr."CommandId"
        ), {UnitsOfEachType}
        """;

    public static string SummarySql(AppDbContext db) => db.Database.IsSqlite() ? SqliteSummarySql : PostgresSummarySql;

    public static async Task<IReadOnlyList<TrackTotals>> SummaryAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var result = new List<TrackTotals>();
        await using var cmd = await CommandAsync(db, SummarySql(db), month, ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var sqlite = db.Database.IsSqlite();
        while (await r.ReadAsync(ct))
        {
            result.Add(new TrackTotals(r.IsDBNull(0) ? "未分专项" : r.GetString(0), Int(r, 1), Money(r, 2, sqlite), Money(r, 3, sqlite), Money(r, 4, sqlite)));
        }

        return result;
    }

    /// <summary>Departments by completion rate, best first (ranked in memory: a few dozen rows).</summary>
    public static async Task<IReadOnlyList<UnitTotals>> RankingAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var result = new List<UnitTotals>();
        await using var cmd = await CommandAsync(db, db.Database.IsSqlite() ? SqliteRankingSql : PostgresRankingSql, month, ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var sqlite = db.Database.IsSqlite();
        while (await r.ReadAsync(ct))
        {
            result.Add(new UnitTotals(UnitType.Department, r.GetString(0), r.GetString(1), Int(r, 2), Money(r, 3, sqlite), Money(r, 4, sqlite), 0m));
        }

        return [.. result.OrderByDescending(u => u.CompletionRate ?? decimal.MaxValue).ThenBy(u => u.UnitCode, StringComparer.Ordinal)];
    }

    public static async Task<IReadOnlyList<UnitTotals>> RankingFullAsync(AppDbContext db, YearMonth month, CancellationToken ct = default)
    {
        var result = new List<UnitTotals>();
        await using var cmd = await CommandAsync(db, db.Database.IsSqlite() ? SqliteRankingFullSql : PostgresRankingFullSql, month, ct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var sqlite = db.Database.IsSqlite();
        while (await r.ReadAsync(ct))
        {
            result.Add(new UnitTotals((UnitType)Int(r, 0), r.GetString(1), r.GetString(2), Int(r, 3), Money(r, 4, sqlite), Money(r, 5, sqlite), Money(r, 6, sqlite)));
        }

        return [.. result.OrderBy(u => u.Type).ThenByDescending(u => u.CompletionRate ?? decimal.MaxValue).ThenBy(u => u.UnitCode, StringComparer.Ordinal)];
    }

    /// <summary>A command on the context's own connection (opened if needed), with every parameter the queries use.</summary>
    public static async Task<DbCommand> CommandAsync(AppDbContext db, string sql, YearMonth month, CancellationToken ct = default)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open)
        {
            await conn.OpenAsync(ct);
        }

        var rules = RuleSet.DefaultFor(month.Year);
        var prev = month.Month > 1 ? month.AddMonths(-1) : month; // January: no previous month in the same year
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        Add(cmd, "year", month.Year);
        Add(cmd, "list", PortfolioEvaluator.AnnualMajorList);
        Add(cmd, "first", new YearMonth(month.Year, 1).Id);
        Add(cmd, "month", month.Id);
        Add(cmd, "prev", prev.Id);
        Add(cmd, "cutoff", ReportingCalendar.Cutoff(month, rules));
        Add(cmd, "prevCutoff", ReportingCalendar.Cutoff(prev, rules));
        return cmd;
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        if (!cmd.CommandText.Contains("@" + name, StringComparison.Ordinal))
        {
            return;
        }

        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>SQLite sums whole 元 (INTEGER); PostgreSQL sums numeric 万元.</summary>
    private static decimal Money(DbDataReader r, int i, bool sqlite) =>
        r.IsDBNull(i) ? 0m : sqlite ? r.GetInt64(i) / 10000m : r.GetDecimal(i);
}

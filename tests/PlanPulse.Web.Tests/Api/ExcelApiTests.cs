using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>Excel over HTTP: export → import changes nothing, who may import what, templates, problems as JSON.</summary>
public sealed class ExcelApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ExportThenImport_PreviewAndCommit_ChangeNothing(string provider)
    {
        var app = await fixture.AppAsync(provider);

        var unchanged = await RoundTripAsync(app, "/api/export/projects?year=2023&month=6", "/api/import/projects?year=2023", StateAsync);

        Assert.True(unchanged > 100, $"only {unchanged} rows exported");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ExportPlansThenImportPlans_PreviewAndCommit_ChangeNothing(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var plans = await app.WithDbAsync(db => db.AnnualPlans.CountAsync(a => a.Year == 2023));

        var unchanged = await RoundTripAsync(app, "/api/export/plans?year=2023", "/api/import/plans?year=2023", PlanStateAsync);

        Assert.Equal(plans, unchanged);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ImportPlans_BadRow_NothingSavedThenKeepValidSavesTheGoodRowAndReturnsTheBadOne(string provider)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        using var client = app.Client();
        var (good, bad, planned) = await app.WithDbAsync(async db =>
        {
            var two = await db.AnnualPlans.Where(a => a.Year == 2023).OrderBy(a => a.Project!.Code).Select(a => new { a.Project!.Code, a.PlannedInvestment }).Take(2).ToListAsync();
            return (two[0].Code, two[1].Code, two[0].PlannedInvestment);
        });
        var file = Sheet([["项目代码", "年度计划投资(万元)", "计划竣工月份"], [good, (double)(planned + 1), "2023-11"], [bad, "-5", null]]);
        var before = await PlanStateAsync(app);

        using var commit = await client.PostAsync(new Uri("/api/import/plans?mode=commit&year=2023", UriKind.Relative), Upload(file));
        var text = await commit.Content.ReadAsStringAsync();

        Assert.True(commit.StatusCode == HttpStatusCode.OK, text);
        var json = ApiJson.Parse(text);
        Assert.False(json.GetProperty("saved").GetBoolean());
        var problem = Assert.Single(json.GetProperty("problems").EnumerateArray().ToList());
        Assert.Equal((3, "B", "年度计划投资(万元)", "年度计划投资不能为负数:-5"), (problem.GetProperty("row").GetInt32(), problem.GetProperty("columnLetter").GetString(), problem.GetProperty("column").GetString(), problem.GetProperty("message").GetString()));
        Assert.Equal("工作表“Sheet1”第3行 B列(年度计划投资(万元)):年度计划投资不能为负数:-5", problem.GetProperty("text").GetString());
        Assert.Equal(before, await PlanStateAsync(app));

        using var keep = await client.PostAsync(new Uri("/api/import/plans?mode=commit&keepValid=true&year=2023", UriKind.Relative), Upload(file));
        var kept = ApiJson.Parse(await keep.Content.ReadAsStringAsync());

        Assert.True(kept.GetProperty("saved").GetBoolean());
        Assert.Equal(1, kept.GetProperty("summary").GetProperty("updated").GetInt32());
        using var rejected = new MemoryStream(Convert.FromBase64String(kept.GetProperty("rejectedXlsxBase64").GetString()!));
        var row = (IDictionary<string, object?>)Assert.Single(rejected.Query(useHeaderRow: true).ToList());
        Assert.Equal((bad, "B列(年度计划投资(万元)):年度计划投资不能为负数:-5"), (row["项目代码"], row["原因"]));
        var saved = await app.WithDbAsync(db => db.AnnualPlans.Include(a => a.Milestones).SingleAsync(a => a.Year == 2023 && a.Project!.Code == good));
        Assert.Equal(planned + 1, saved.PlannedInvestment);
        Assert.Contains(saved.Milestones, m => m.Kind == PlanPulse.Domain.Portfolio.MilestoneKind.Completion && m.DueMonth == 202311);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ImportProjects_Reporter_Forbidden(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var reporter = await app.ClientForAsync("reporter-fengcheng");

        using var import = await reporter.PostAsync(new Uri("/api/import/projects?mode=preview", UriKind.Relative), Upload(Sheet([["项目代码", "项目名称"], ["X", "Y"]])));
        using var template = await reporter.GetAsync(new Uri("/api/templates/projects", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, template.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ImportReports_ReporterNamesProjectOutsideTheirUnit_ProblemAndNothingSaved(string provider)
    {
        // 3 January 2024 in Beijing: December 2023 is open, so only the scope can stop the row.
        await using var app = await ApiFactory.CreateAsync(provider, clock: new FixedClock(new DateTimeOffset(2024, 1, 3, 10, 0, 0, TimeSpan.FromHours(8))));
        var (mine, theirs) = await app.WithDbAsync(async db =>
        {
            var unit = await db.Users.Where(u => u.UserName == "reporter-fengcheng").Select(u => u.UnitId).SingleAsync();
            var path = await db.Units.Where(u => u.Id == unit).Select(u => u.Path).SingleAsync();
            var own = await db.Projects.Where(p => p.ResponsibleUnit!.Path.StartsWith(path) || (p.Town != null && p.Town.Path.StartsWith(path))).Select(p => p.Code).FirstAsync();
            var other = await db.Projects.Where(p => !p.ResponsibleUnit!.Path.StartsWith(path) && !(p.Command != null && p.Command.Path.StartsWith(path)) && !(p.Town != null && p.Town.Path.StartsWith(path))).Select(p => p.Code).FirstAsync();
            return (own, other);
        });
        var reportsBefore = await app.WithDbAsync(db => db.MonthlyReports.CountAsync());
        using var reporter = await app.ClientForAsync("reporter-fengcheng");

        using var response = await reporter.PostAsync(
            new Uri("/api/import/reports?mode=commit&month=2023-12", UriKind.Relative),
            Upload(Sheet([["12月完成投资情况", null, null], ["项目代码", "本月完成投资(万元)", "形象进度"], [mine, "1,000", "施工"], [theirs, "10", null]])));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var json = ApiJson.Parse(text);
        Assert.False(json.GetProperty("saved").GetBoolean());
        var problem = Assert.Single(json.GetProperty("problems").EnumerateArray().ToList());
        Assert.Equal(4, problem.GetProperty("row").GetInt32());
        Assert.Equal("A", problem.GetProperty("columnLetter").GetString());
        Assert.Equal($"项目不存在或不在您的填报范围内:{theirs}", problem.GetProperty("message").GetString());
        Assert.Equal(reportsBefore, await app.WithDbAsync(db => db.MonthlyReports.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Templates_Office_XlsxWithInstructions(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.Client();

        foreach (var (url, sheet) in new[] { ("/api/templates/projects?year=2023", "项目库"), ("/api/templates/reports?year=2023&month=6", "月报"), ("/api/templates/plans?year=2023", "年度计划") })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal([sheet, "填表说明"], stream.GetSheetNames().Take(2));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Import_NoFileOrBadMode_400(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.Client();

        using var noFile = await client.PostAsync(new Uri("/api/import/projects?mode=preview", UriKind.Relative), new MultipartFormDataContent());
        using var badMode = await client.PostAsync(new Uri("/api/import/projects?mode=save", UriKind.Relative), Upload(Sheet([["项目代码"], ["X"]])));

        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
    }

    /// <summary>
    /// Exports, then previews and commits the file: no problem, nothing created or updated, and the state unchanged.
    /// Returns the unchanged count.
    /// </summary>
    private static async Task<int> RoundTripAsync(ApiFactory app, string exportUrl, string importUrl, Func<ApiFactory, Task<string>> state)
    {
        using var client = app.Client();
        using var export = await client.GetAsync(new Uri(exportUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(Xlsx, export.Content.Headers.ContentType!.MediaType);
        var file = await export.Content.ReadAsByteArrayAsync();
        var before = await state(app);

        var unchanged = 0;
        foreach (var mode in new[] { "preview", "commit" })
        {
            using var response = await client.PostAsync(new Uri($"{importUrl}&mode={mode}", UriKind.Relative), Upload(file));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            var json = ApiJson.Parse(text);
            Assert.Equal(0, json.GetProperty("problems").GetArrayLength());
            Assert.Equal(mode == "commit", json.GetProperty("saved").GetBoolean());
            var summary = json.GetProperty("summary");
            Assert.Equal(0, summary.GetProperty("created").GetInt32() + summary.GetProperty("updated").GetInt32());
            unchanged = summary.GetProperty("unchanged").GetInt32();
        }

        Assert.Equal(before, await state(app));
        return unchanged;
    }

    private static byte[] Sheet(object?[][] rows)
    {
        var letters = "ABCDEFGH";
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => r.Select((v, i) => (k: letters[i].ToString(), v)).ToDictionary(x => x.k, x => x.v)).ToList(), printHeader: false);
        return stream.ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return new MultipartFormDataContent { { content, "file", "项目.xlsx" } };
    }

    private static Task<string> StateAsync(ApiFactory app) => app.WithDbAsync(async db => string.Join(
        "|",
        await db.Projects.SumAsync(p => p.Version),
        await db.Projects.CountAsync(),
        await db.ProjectListEntries.CountAsync(),
        await db.AuditEntries.CountAsync()));

    private static Task<string> PlanStateAsync(ApiFactory app) => app.WithDbAsync(async db => string.Join(
        "|",
        await db.AnnualPlans.SumAsync(a => a.Version),
        await db.AnnualPlans.CountAsync(),
        await db.PlannedMilestones.CountAsync(),
        await db.AuditEntries.CountAsync()));
}

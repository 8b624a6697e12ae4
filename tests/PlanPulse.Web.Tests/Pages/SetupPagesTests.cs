using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.Web.Tests.Api;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Pages;

/// <summary>A district on an empty database: the setup checklist, the organisation pages and API, the import of its workbook.</summary>
public sealed class SetupPagesTests
{
    private static async Task<(ApiFactory App, HttpClient Client)> EmptyAsync()
    {
        var app = await ApiFactory.CreateAsync(Databases.Sqlite, demo: false);
        await app.WithDbAsync(db => Accounts.CreateAsync(db, "office", Roles.PlanOffice, "Office-Passw0rd-2023", "计划科"));
        return (app, await app.ClientForAsync("office"));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string url, params (string Key, string Value)[] fields)
    {
        var token = MatrixFixture.FormToken(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
        using var form = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), new("__RequestVerificationToken", token)]);
        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    [Fact]
    public async Task An_empty_database_walks_through_setup_and_each_step_says_what_is_missing()
    {
        var (app, client) = await EmptyAsync();
        await using var _ = app;
        using var __ = client;

        var html = await client.GetStringAsync(new Uri("/setup?year=2024", UriKind.Relative));
        Assert.Equal(7, CountOf(html, "data-done=\"false\""));
        Assert.Contains("填写本单位名称", html, StringComparison.Ordinal);
        Assert.Contains("还没有指挥部", html, StringComparison.Ordinal);

        // Step 1 by the form: the name and the year (which opens its 年度重大建设项目 list).
        var bad = await PostFormAsync(client, "/setup?year=2024", "/setup?handler=District", ("Organisation", " "), ("PlanYear", "2024"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("单位名称不能为空", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ok = await PostFormAsync(client, "/setup?year=2024", "/setup?handler=District", ("Organisation", "某区发展和改革委员会"), ("PlanYear", "2024"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.ProjectLists.AnyAsync(l => l.Year == 2024 && l.Code == "annual-major")));

        // Step 2 through the API, as a script would: a general command, a track, its command, a department.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(new Uri("/api/organisation/units", UriKind.Relative), new { code = "GC", name = "总指挥部", type = "Command", year = 2024 })).StatusCode);
        var track = await (await client.PostAsJsonAsync(new Uri("/api/organisation/tracks", UriKind.Relative), new { year = 2024, code = "t1", name = "新材料专项", colour = "#1f77b4" })).Content.ReadFromJsonAsync<OrganisationSaved>();
        var orphan = await client.PostAsJsonAsync(new Uri("/api/organisation/units", UriKind.Relative), new { code = "GC-1", name = "新材料专项指挥部", type = "Command", parentCode = "GC", year = 2024 });
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.Contains("没有调度任何专项", await orphan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(new Uri("/api/organisation/units", UriKind.Relative), new { code = "GC-1", name = "新材料专项指挥部", type = "Command", parentCode = "GC", tracks = new[] { track!.Id }, year = 2024 })).StatusCode);

        var page = await client.GetStringAsync(new Uri("/organisation?tab=units&year=2024", UriKind.Relative));
        Assert.Contains("新材料专项指挥部", page, StringComparison.Ordinal);
        Assert.Contains("还没有部门", page, StringComparison.Ordinal);
        Assert.Equal("/GC/GC-1/", await app.WithDbAsync(db => db.Units.Where(u => u.Code == "GC-1").Select(u => u.Path).SingleAsync()));

        // The form refuses a circular parent and names the field.
        var gc = await app.WithDbAsync(db => db.Units.SingleAsync(u => u.Code == "GC"));
        var circular = await PostFormAsync(client, $"/organisation/edit?kind=units&id={gc.Id}&year=2024", $"/organisation/edit?kind=units&id={gc.Id}&year=2024",
            ("Form.Name", "总指挥部"), ("Form.UnitType", "Command"), ("Form.ParentCode", "GC-1"), ("Form.Version", gc.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, circular.StatusCode);
        Assert.Contains("上级单位形成循环:GC → GC-1 → GC", System.Net.WebUtility.HtmlDecode(await circular.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var after = await client.GetStringAsync(new Uri("/setup?year=2024", UriKind.Relative));
        Assert.Contains("data-step=\"District\" data-done=\"true\"", after, StringComparison.Ordinal);
        Assert.Contains("data-step=\"Organisation\" data-done=\"false\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reporter_cannot_open_setup_or_the_organisation_or_bring_in_history()
    {
        await using var app = await ApiFactory.CreateAsync(Databases.Sqlite);
        using var reporter = await app.ClientForAsync("reporter-drc");
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(new Uri("/setup", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(new Uri("/organisation", UriKind.Relative))).StatusCode);
        using var content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };
        var history = await reporter.PostAsync(new Uri("/api/import/reports?mode=preview&month=2023-06&asSubmitted=true", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Forbidden, history.StatusCode);
    }

    [Fact]
    public async Task The_plan_office_previews_then_opens_the_next_year_from_the_page()
    {
        await using var app = await ApiFactory.CreateAsync(Databases.Sqlite);
        using var office = await app.ClientForAsync("planoffice");
        var preview = await PostFormAsync(office, "/setup?year=2023", "/setup?handler=RolloverPreview", ("RolloverYear", "2024"));
        var previewHtml = System.Net.WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("预览(未保存)", previewHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rollover-open\"", previewHtml, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ProjectLists.AnyAsync(l => l.Year == 2024)));

        var opened = await PostFormAsync(office, "/setup?year=2023", "/setup?handler=Rollover", ("RolloverYear", "2024"));
        Assert.Contains("已开启", System.Net.WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(5, await app.WithDbAsync(db => db.ProjectLists.CountAsync(l => l.Year == 2024)));

        var twice = await PostFormAsync(office, "/setup?year=2024", "/setup?handler=Rollover", ("RolloverYear", "2024"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("已经开启", System.Net.WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private sealed record OrganisationSaved(int Id, int Version);
}

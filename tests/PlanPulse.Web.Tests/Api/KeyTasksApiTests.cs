using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// The key-task endpoints on the demo, as of 10 December 2023: the plan office adds a task led by the 区发展改革委; a
/// town's reporter may not write its progress, the commission's reporter may, once per month; a second note for the
/// same month without its version is refused; a read-only leader cannot write at all.
/// </summary>
public sealed class KeyTasksApiTests
{
    private static readonly DateTimeOffset _now = new(2023, 12, 10, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CreateThenProgress_LeadUnitOnly_StaleNoteRefused_ListShowsIt(string provider)
    {
        await using var app = await ApiFactory.CreateAsync(provider, clock: new FixedClock(_now));
        using var office = await app.ClientForAsync("planoffice");
        using var town = await app.ClientForAsync("reporter-fengcheng");
        using var drc = await app.ClientForAsync("reporter-drc");
        using var leader = await app.ClientForAsync("leader");

        using var bad = await office.PostAsJsonAsync(new Uri("/api/key-tasks", UriKind.Relative), new { year = 2023, text = "", leadUnitCode = "NOPE" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = ApiJson.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("NOPE", problem.GetProperty("errors").GetProperty("leadUnitCode")[0].GetString(), StringComparison.Ordinal);

        using var created = await office.PostAsJsonAsync(new Uri("/api/key-tasks", UriKind.Relative),
            new { year = 2023, text = "完成重大项目前期工作清单销号", leadUnitCode = "D-DRC", coUnitCodes = new[] { "D-PLN" }, deadline = "2023-12-31" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK, body);
        var id = ApiJson.Parse(body).GetProperty("id").GetInt32();

        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        using var foreign = await town.PostAsJsonAsync(new Uri($"/api/key-tasks/{id}/progress", UriKind.Relative), new { month = "2023-11", text = "越权" });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        using var readOnly = await leader.PostAsJsonAsync(new Uri($"/api/key-tasks/{id}/progress", UriKind.Relative), new { month = "2023-11", text = "只读" });
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal(audit, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));

        using var written = await drc.PostAsJsonAsync(new Uri($"/api/key-tasks/{id}/progress", UriKind.Relative), new { month = "2023-11", text = "已完成18项前期工作销号", status = "推进中" });
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        using var again = await drc.PostAsJsonAsync(new Uri($"/api/key-tasks/{id}/progress", UriKind.Relative), new { month = "2023-11", text = "覆盖" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var list = await ApiJson.GetAsync(drc, "/api/key-tasks?year=2023&month=11&status=in-progress");
        var row = list.EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id);
        Assert.Equal("已完成18项前期工作销号", row.GetProperty("latestNote").GetProperty("text").GetString());
        Assert.Equal("reporter-drc", row.GetProperty("latestNote").GetProperty("writtenBy").GetString());
        Assert.Equal("yellow", row.GetProperty("colour").GetString());
        using var badFilter = await drc.GetAsync(new Uri("/api/key-tasks?year=2023&status=soon", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }
}

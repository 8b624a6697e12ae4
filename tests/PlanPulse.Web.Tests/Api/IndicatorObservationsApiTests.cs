using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// POST /api/indicators/observations on the demo: 固定资产投资 (target 350亿元) has a preliminary November 2023 figure
/// and a final October one.
/// </summary>
public sealed class IndicatorObservationsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PostObservations_FinalReplacesPreliminary_200AndEvaluationReadsIt(string provider)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        using var client = app.Client();
        var before = await ApiJson.GetAsync(client, "/api/indicators?year=2023&month=11");
        var row = Row(before, "固定资产投资");
        Assert.False(row.GetProperty("final").GetBoolean());
        Assert.NotEqual("green", row.GetProperty("colour").GetString());
        var version = await app.WithDbAsync(db => db.IndicatorObservations.Where(o => o.Indicator!.Name == "固定资产投资" && o.Period == "202311").Select(o => o.Version).SingleAsync());
        var code = row.GetProperty("code").GetString();

        using var response = await client.PostAsJsonAsync(new Uri("/api/indicators/observations", UriKind.Relative), new
        {
            rows = new object[] { new { indicatorCode = code, period = "2023-11", value = 330.5m, growth = "6.1", final = true, source = "区统计局", version } },
        });
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var saved = ApiJson.Parse(text).GetProperty("rows")[0];
        Assert.Equal("202311", saved.GetProperty("period").GetString());
        Assert.False(saved.GetProperty("created").GetBoolean());
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());

        var after = Row(await ApiJson.GetAsync(client, "/api/indicators?year=2023&month=11"), "固定资产投资");
        Assert.Equal(330.5m, after.GetProperty("actual").GetDecimal());
        Assert.Equal(6.1m, after.GetProperty("growth").GetDecimal());
        Assert.True(after.GetProperty("final").GetBoolean());
        Assert.False(after.GetProperty("demo").GetBoolean());

        // 330.5 of 350 × 11/12 = 320.83 is on pace: green, where the demo's preliminary figure was not.
        Assert.Equal("green", after.GetProperty("colour").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.IndicatorObservations.CountAsync(o => o.Indicator!.Name == "固定资产投资" && o.EndMonth == 202311)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task PostObservations_OneBadRow_400NamingRowAndFieldAndNothingSaved(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.Client();
        var codes = await app.WithDbAsync(db => db.Indicators.OrderBy(i => i.SortOrder).Where(i => i.Name == "固定资产投资" || i.Name == "工业投资").Select(i => i.Code).ToListAsync());
        var before = await SnapshotAsync(app);

        using var response = await client.PostAsJsonAsync(new Uri("/api/indicators/observations", UriKind.Relative), new
        {
            rows = new object[]
            {
                new { indicatorCode = codes[0], period = "2023-12", value = 360, growth = 8.2 },
                new { indicatorCode = codes[1], period = "2023-12", value = "约190亿" },
                new { indicatorCode = "NO-SUCH", period = "2023-12", value = 1 },
            },
        });
        var text = await response.Content.ReadAsStringAsync();

        ApiJson.AssertProblem(response, text, HttpStatusCode.BadRequest);
        var errors = ApiJson.Parse(text).GetProperty("errors");
        Assert.StartsWith("第2行累计值:", errors.GetProperty("rows[1].value")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("第3行指标:", errors.GetProperty("rows[2].indicatorCode")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("rows[0].value", out _), text);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Fact]
    public async Task PostObservations_ReadOnlyLeader_403()
    {
        var app = await fixture.AppAsync(Databases.Sqlite);
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApplyScope(DataScope.Everything);
            token = await Accounts.IssueTokenAsync(db, "leader", TimeProvider.System);
        }

        using var leader = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        leader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await leader.PostAsJsonAsync(new Uri("/api/indicators/observations", UriKind.Relative), new { rows = new[] { new { indicatorCode = "ZB002", period = "2023-12", value = 1 } } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static JsonElement Row(JsonElement indicators, string name) =>
        indicators.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private static Task<string> SnapshotAsync(ApiFactory app) => app.WithDbAsync(async db =>
        JsonSerializer.Serialize(await db.IndicatorObservations.OrderBy(o => o.Id).Select(o => new { o.Id, o.Value, o.GrowthPct, o.Final, o.Version }).ToListAsync()));
}

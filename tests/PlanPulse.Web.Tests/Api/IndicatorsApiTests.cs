using System.Net;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>GET /api/indicators and the five-year view over the demo (the seed's real figures), on both databases.</summary>
public sealed class IndicatorsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Get_2023June_RowsWithTheIssuesFieldNames(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        var result = await ApiJson.GetAsync(client, "/api/indicators?year=2023&month=6");

        Assert.Equal(2023, result.GetProperty("year").GetInt32());
        Assert.Equal(6, result.GetProperty("month").GetInt32());
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(75, rows.Count);
        Assert.All(rows, r => Assert.Superset(
            new HashSet<string>(["code", "name", "unit", "kind", "direction", "binding", "target", "stretch", "actual", "growth", "colour", "reason", "projection"]),
            new HashSet<string>(ApiJson.Names(r))));
        var fai = Assert.Single(rows, r => r.GetProperty("name").GetString() == "固定资产投资");
        Assert.Equal(350m, fai.GetProperty("target").GetDecimal());
        Assert.Equal(400m, fai.GetProperty("stretch").GetDecimal());
        Assert.Equal("亿元", fai.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Get_2022_GdpActualFromTheSeed()
    {
        using var client = await fixture.ClientAsync(Databases.Sqlite);

        var rows = (await ApiJson.GetAsync(client, "/api/indicators?year=2022&month=12")).GetProperty("rows").EnumerateArray();

        var gdp = Assert.Single(rows, r => r.GetProperty("name").GetString() == "地区生产总值");
        Assert.Equal(918.6m, gdp.GetProperty("actual").GetDecimal());
        Assert.Equal(2.6m, gdp.GetProperty("growth").GetDecimal());
    }

    [Theory]
    [InlineData("/api/indicators?year=2023&month=13")]
    [InlineData("/api/indicators?year=2023&month=0")]
    [InlineData("/api/indicators?year=1800")]
    public async Task Get_BadPeriod_400NamingTheProblem(string url)
    {
        using var client = await fixture.ClientAsync(Databases.Sqlite);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task FiveYear_DemoPlan_VerdictsAndUnknownPlan404()
    {
        using var client = await fixture.ClientAsync(Databases.Sqlite);

        var view = await ApiJson.GetAsync(client, "/api/indicators/five-year");
        using var missing = await client.GetAsync("/api/indicators/five-year?plan=no-such-plan");

        Assert.True(view.GetProperty("demo").GetBoolean());
        Assert.Equal(5, view.GetProperty("rows").GetArrayLength());
        Assert.All(view.GetProperty("rows").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("explanation").GetString())));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

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

    [Fact]
    public async Task Import_UploadedSheet_SavedAndBadSheet400()
    {
        await using var app = await ApiFactory.CreateAsync(Databases.Sqlite);
        using var client = app.Client();
        using var template = await client.GetAsync("/api/indicators/template?year=2023&month=11");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "指标数据").Cast<IDictionary<string, object?>>().ToList();
        var fai = rows.First(r => (string?)r["指标名称"] == "固定资产投资");
        fai["本期累计值"] = "333.3";
        var filled = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(filled, rows, sheetName: "指标数据");

        using var good = new MultipartFormDataContent { { new ByteArrayContent(filled.ToArray()), "file", "filled.xlsx" } };
        using var saved = await client.PostAsync("/api/indicators/import", good);
        using var bad = new MultipartFormDataContent { { new ByteArrayContent("not a workbook"u8.ToArray()), "file", "bad.xlsx" } };
        using var refused = await client.PostAsync("/api/indicators/import", bad);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = (await ApiJson.GetAsync(client, "/api/indicators?year=2023&month=11")).GetProperty("rows").EnumerateArray();
        Assert.Equal(333.3m, after.Single(r => r.GetProperty("name").GetString() == "固定资产投资").GetProperty("actual").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}

using System.Net;
using System.Text.Json;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>The read side of the JSON API over the 2023 demo, on both databases (one shared app per database).</summary>
public sealed class PortfolioApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] _colourNames = ["blue", "green", "yellow", "red", "grey"];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetSummary_June2023_SeedAggregatesWithExactPropertyNames(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        var s = await ApiJson.GetAsync(client, "/api/portfolio/summary?year=2023&month=6");

        Assert.Superset(
            new HashSet<string>(["year", "month", "projects", "totalInvestment", "annualPlan", "completed", "completionRate", "timeProgress", "colours", "tracks"]),
            new HashSet<string>(ApiJson.Names(s)));
        Assert.Equal(2023, s.GetProperty("year").GetInt32());
        Assert.Equal(6, s.GetProperty("month").GetInt32());
        Assert.Equal(220, s.GetProperty("projects").GetInt32());
        Assert.Equal(29_640_000m, s.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal(3_320_000m, s.GetProperty("annualPlan").GetDecimal());
        Assert.Equal(0.5m, s.GetProperty("timeProgress").GetDecimal());
        var completed = s.GetProperty("completed").GetDecimal();
        Assert.InRange(completed, 1m, 3_320_000m);
        Assert.Equal(completed / 3_320_000m, s.GetProperty("completionRate").GetDecimal(), 10);
        Assert.Equal(220, ColourTotal(s.GetProperty("colours")));

        var tracks = s.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Collection(
            tracks,
            t => AssertTrack(t, "具有全球影响力的新材料高地", 92, 11_260_000m, 2_010_000m),
            t => AssertTrack(t, "世界级运动康养旅游目的地", 48, 7_020_000m, 380_000m),
            t => AssertTrack(t, "中国长寿生命科学城", 80, 11_360_000m, 930_000m));
        Assert.Equal(completed, tracks.Sum(t => t.GetProperty("completed").GetDecimal()));
    }

    [Theory]
    [InlineData("/api/portfolio/summary?year=2023&month=6")]
    [InlineData("/api/rankings?year=2023&month=6")]
    public async Task Get_SameDemoOnBothDatabases_SameJsonText(string url)
    {
        using var sqlite = await fixture.ClientAsync(Databases.Sqlite);
        using var postgres = await fixture.ClientAsync(Databases.Postgres);

        var fromSqlite = await ApiJson.GetAsync(sqlite, url);
        var fromPostgres = await ApiJson.GetAsync(postgres, url);

        Assert.True(JsonElement.DeepEquals(fromSqlite, fromPostgres), "same values");
        Assert.Equal(ApiJson.Compact(fromSqlite), ApiJson.Compact(fromPostgres));
    }

    [Theory]
    [InlineData(Databases.Sqlite, "year=2023&month=13")]
    [InlineData(Databases.Sqlite, "year=2023&month=0")]
    [InlineData(Databases.Sqlite, "year=10000&month=6")]
    [InlineData(Databases.Postgres, "year=2023&month=13")]
    [InlineData(Databases.Postgres, "year=2023&month=0")]
    [InlineData(Databases.Postgres, "year=10000&month=6")]
    public async Task GetSummary_InvalidPeriod_400ProblemJson(string provider, string query)
    {
        using var client = await fixture.ClientAsync(provider);

        using var response = await client.GetAsync(new Uri($"/api/portfolio/summary?{query}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        ApiJson.AssertProblem(response, body, HttpStatusCode.BadRequest);
        Assert.Equal("month", ApiJson.Parse(body).GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ListProjects_Page2Of50_FiftyItemsOfTwoHundredTwenty(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        var page1 = await ApiJson.GetAsync(client, "/api/projects?year=2023&month=6&page=1&pageSize=50");
        var page2 = await ApiJson.GetAsync(client, "/api/projects?year=2023&month=6&page=2&pageSize=50");
        var page5 = await ApiJson.GetAsync(client, "/api/projects?year=2023&month=6&page=5&pageSize=50");

        Assert.Equal(220, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(50, page2.GetProperty("pageSize").GetInt32());
        Assert.Equal(50, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(20, page5.GetProperty("items").GetArrayLength());
        var ids1 = Ids(page1);
        var ids2 = Ids(page2);
        Assert.Empty(ids1.Intersect(ids2));
        var codes = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ListProjects_EachColour_OnlyThatColourAndCountsMatchSummary(string provider)
    {
        using var client = await fixture.ClientAsync(provider);
        var summary = await ApiJson.GetAsync(client, "/api/portfolio/summary?year=2023&month=6");

        var total = 0;
        foreach (var colour in _colourNames)
        {
            var page = await ApiJson.GetAsync(client, $"/api/projects?year=2023&month=6&colour={colour}&pageSize=500");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.All(items, i => Assert.Equal(colour, i.GetProperty("colour").GetString()));
            Assert.Equal(summary.GetProperty("colours").GetProperty(colour).GetInt32(), page.GetProperty("total").GetInt32());
            Assert.Equal(items.Count, page.GetProperty("total").GetInt32());
            total += items.Count;
        }

        Assert.Equal(220, total);
        Assert.True(summary.GetProperty("colours").GetProperty("red").GetInt32() > 0, "the demo has red projects in June");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ListProjects_QueryHuadian_FindsHuadianCogeneration(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        var page = await ApiJson.GetAsync(client, $"/api/projects?year=2023&month=6&q={Uri.EscapeDataString("华电")}");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("name").GetString() == "华电热电联产项目");
        Assert.All(items, i => Assert.Contains("华电", i.GetProperty("name").GetString()!, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ListProjects_UnknownColour_400ProblemJson(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        using var response = await client.GetAsync(new Uri("/api/projects?year=2023&month=6&colour=purple", UriKind.Relative));

        ApiJson.AssertProblem(response, await response.Content.ReadAsStringAsync(), HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetProject_Known_HasColourAndReason(string provider)
    {
        using var client = await fixture.ClientAsync(provider);
        var list = await ApiJson.GetAsync(client, $"/api/projects?year=2023&month=6&q={Uri.EscapeDataString("华电热电联产项目")}");
        var row = list.GetProperty("items").EnumerateArray().First();
        var id = row.GetProperty("id").GetInt32();

        var detail = await ApiJson.GetAsync(client, $"/api/projects/{id}?year=2023&month=6");

        var project = detail.GetProperty("project");
        Assert.Equal(id, project.GetProperty("id").GetInt32());
        Assert.Equal("华电热电联产项目", project.GetProperty("name").GetString());
        Assert.Contains(project.GetProperty("colour").GetString(), _colourNames);
        Assert.Equal(row.GetProperty("colour").GetString(), project.GetProperty("colour").GetString());
        Assert.False(string.IsNullOrWhiteSpace(project.GetProperty("reason").GetString()));
        Assert.Equal(6, detail.GetProperty("months").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetProject_UnknownId_404(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        using var response = await client.GetAsync(new Uri("/api/projects/987654?year=2023&month=6", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetRankings_June2023_ThreeTablesWithConsistentRanksAndScores(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        var r = await ApiJson.GetAsync(client, "/api/rankings?year=2023&month=6");

        Assert.Equal(0.5m, r.GetProperty("timeProgress").GetDecimal());
        var tables = r.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(["department", "town", "command"], tables.Select(t => t.GetProperty("unitType").GetString()));
        foreach (var table in tables)
        {
            var rows = table.GetProperty("rows").EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            var ranks = rows.Select(Rank).ToList();
            Assert.Equal(1, ranks[0]);
            Assert.Equal(ranks.Order(), ranks);
            for (var i = 1; i < rows.Count; i++)
            {
                var tied = rows[i].GetProperty("score").GetDecimal() == rows[i - 1].GetProperty("score").GetDecimal();
                Assert.Equal(tied ? ranks[i - 1] : i + 1, ranks[i]);
            }

            Assert.All(rows, AssertScoreIsWeightedMean);
        }

        Assert.Equal(19, tables[1].GetProperty("rows").GetArrayLength() + tables[1].GetProperty("exempt").GetArrayLength());
    }

    [Theory]
    [InlineData(Databases.Sqlite, "department")]
    [InlineData(Databases.Sqlite, "Town")]
    [InlineData(Databases.Postgres, "command")]
    public async Task GetRankings_OneUnitType_OneTable(string provider, string unitType)
    {
        using var client = await fixture.ClientAsync(provider);

        var r = await ApiJson.GetAsync(client, $"/api/rankings?year=2023&month=6&unitType={unitType}");

        var table = Assert.Single(r.GetProperty("tables").EnumerateArray());
        Assert.Equal(unitType.ToLowerInvariant(), table.GetProperty("unitType").GetString());
    }

    [Theory]
    [InlineData(Databases.Sqlite, "bogus")]
    [InlineData(Databases.Sqlite, "owner")]
    [InlineData(Databases.Postgres, "bogus")]
    [InlineData(Databases.Postgres, "owner")]
    public async Task GetRankings_UnknownOrUnrankedUnitType_400ProblemJson(string provider, string unitType)
    {
        using var client = await fixture.ClientAsync(provider);

        using var response = await client.GetAsync(new Uri($"/api/rankings?year=2023&month=6&unitType={unitType}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        ApiJson.AssertProblem(response, body, HttpStatusCode.BadRequest);
        Assert.Equal("unitType", ApiJson.Parse(body).GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task GetOpenApi_Document_ListsThePortfolioEndpoints(string provider)
    {
        using var client = await fixture.ClientAsync(provider);

        var doc = await ApiJson.GetAsync(client, "/openapi/v1.json");

        var paths = ApiJson.Names(doc.GetProperty("paths"));
        Assert.Contains("/api/portfolio/summary", paths);
        Assert.Contains("/api/projects", paths);
        Assert.Contains("/api/rankings", paths);
        Assert.Contains("/api/reports", paths);
        Assert.True(doc.GetProperty("paths").GetProperty("/api/reports").TryGetProperty("post", out _), "POST /api/reports is documented");
    }

    private static int Rank(JsonElement row)
    {
        var rank = row.GetProperty("rank");
        Assert.Equal(JsonValueKind.Number, rank.ValueKind);
        Assert.DoesNotContain('.', rank.GetRawText());
        Assert.True(rank.TryGetInt32(out var value), $"rank {rank.GetRawText()} is an int");
        return value;
    }

    /// <summary>score = round(Σ weight × part ÷ Σ weight, 2), each part out of 100.</summary>
    private static void AssertScoreIsWeightedMean(JsonElement row)
    {
        var parts = row.GetProperty("parts").EnumerateArray().Select(p => (Weight: p.GetProperty("weight").GetDecimal(), Value: p.GetProperty("value").GetDecimal())).ToList();
        Assert.Equal(5, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Value, 0m, 100m));
        var expected = Math.Round(parts.Sum(p => p.Weight * p.Value) / parts.Sum(p => p.Weight), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, row.GetProperty("score").GetDecimal());
    }

    private static void AssertTrack(JsonElement t, string name, int projects, decimal total, decimal annual)
    {
        Assert.Equal(
            ["name", "projects", "totalInvestment", "annualPlan", "completed", "completionRate", "colours"],
            ApiJson.Names(t));
        Assert.Equal(name, t.GetProperty("name").GetString());
        Assert.Equal(projects, t.GetProperty("projects").GetInt32());
        Assert.Equal(total, t.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal(annual, t.GetProperty("annualPlan").GetDecimal());
        Assert.Equal(projects, ColourTotal(t.GetProperty("colours")));
    }

    private static int ColourTotal(JsonElement colours)
    {
        Assert.Equal(_colourNames, ApiJson.Names(colours));
        return _colourNames.Sum(c => colours.GetProperty(c).GetInt32());
    }

    private static List<int> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
}

using System.Net;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>Downloads of the briefing and the annual draft: content types, file names, bad input.</summary>
public sealed class DocumentsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task Briefing_June2023_FileOfTheFormat(string format, string contentType)
    {
        using var client = await fixture.ClientAsync(Databases.Sqlite);

        using var response = await client.GetAsync($"/api/documents/briefing?year=2023&month=6&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"2023年6月重大项目推进情况通报.{format}", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000);
        Assert.Equal((byte)'P', bytes[0]); // a zip package
        Assert.Equal((byte)'K', bytes[1]);
    }

    [Fact]
    public async Task Annual_2022_DocxAndYearWithoutFigures404()
    {
        using var client = await fixture.ClientAsync(Databases.Sqlite);

        using var ok = await client.GetAsync("/api/documents/annual?year=2022");
        using var none = await client.GetAsync("/api/documents/annual?year=2019");
        using var bad = await client.GetAsync("/api/documents/annual");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("/api/documents/briefing?year=2023&month=6&format=pdf")]
    [InlineData("/api/documents/briefing?year=2023&month=13")]
    public async Task Briefing_BadInput_400(string url)
    {
        using var client = await fixture.ClientAsync(Databases.Sqlite);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

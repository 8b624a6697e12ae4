using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Tests.Support;

namespace PlanPulse.App.Tests.Excel;

/// <summary>A previewed sheet waits in the database for its commit: only for its uploader, for a day, never audited.</summary>
public sealed class PendingUploadsTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Pending_OwnerOnly_ExpiresAfterADay_ClearedByTheNextUpload(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 7, 3, 2, 0, 0, TimeSpan.Zero));
        await using var db = database.NewContext();
        byte[] content = [1, 2, 3, 4];

        var token = await PendingUploads.SaveAsync(db, "reporter-drc", "月报.xlsx", content, clock);

        Assert.Matches("^[0-9a-f]{32}$", token);
        var found = await PendingUploads.FindAsync(db, token, "reporter-drc", clock);
        Assert.Equal(content, found!.Content);
        Assert.Equal("月报.xlsx", found.FileName);
        Assert.Null(await PendingUploads.FindAsync(db, token, "planoffice", clock));
        Assert.Null(await PendingUploads.FindAsync(db, token.ToUpperInvariant(), "reporter-drc", clock));
        Assert.Null(await PendingUploads.FindAsync(db, "../../etc/passwd", "reporter-drc", clock));
        Assert.Null(await PendingUploads.FindAsync(db, null, "reporter-drc", clock));
        Assert.Equal(0, await db.AuditEntries.CountAsync());

        clock.Advance(TimeSpan.FromHours(25));
        Assert.Null(await PendingUploads.FindAsync(db, token, "reporter-drc", clock));
        var next = await PendingUploads.SaveAsync(db, "planoffice", "项目库.xlsx", content, clock);
        Assert.Equal([next], await db.PendingUploads.Select(p => p.Token).ToListAsync());

        await PendingUploads.DeleteAsync(db, next);
        Assert.Equal(0, await db.PendingUploads.CountAsync());
    }
}

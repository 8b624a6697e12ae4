using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;

namespace PlanPulse.App.Features.Excel;

/// <summary>Keeps an uploaded sheet between its preview and its commit (see <see cref="PendingUpload"/>).</summary>
public static class PendingUploads
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public static async Task<string> SaveAsync(AppDbContext db, string user, string fileName, byte[] content, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = now - Lifetime;

        // Abandoned previews are cleared by the next upload; no background job needed.
        await db.PendingUploads.Where(p => p.UploadedAt < expired).ExecuteDeleteAsync(ct);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        db.PendingUploads.Add(new PendingUpload { Token = token, UserName = user, FileName = fileName.Length > 260 ? fileName[..260] : fileName, Content = content, UploadedAt = now });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The file behind a token, if it is this user's and has not expired; otherwise null.</summary>
    public static async Task<PendingUpload?> FindAsync(AppDbContext db, string? token, string user, TimeProvider clock, CancellationToken ct = default)
    {
        if (token is not { Length: 32 } || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var expired = clock.GetUtcNow().UtcDateTime - Lifetime;
        return await db.PendingUploads.AsNoTracking().FirstOrDefaultAsync(p => p.Token == token && p.UserName == user && p.UploadedAt >= expired, ct);
    }

    public static Task DeleteAsync(AppDbContext db, string token, CancellationToken ct = default) =>
        db.PendingUploads.Where(p => p.Token == token).ExecuteDeleteAsync(ct);
}

using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;

namespace PlanPulse.App.Features.Accounts;

/// <summary>
/// How many failed sign-ins are allowed before a pause (configuration <c>Auth:SignIn:*</c>). Per account name, known
/// or not, so a guess at an unknown name costs the same as at a real one; per client address, so one machine cannot
/// sweep names. Only failures count, and a success clears both: an office behind one NAT address is never locked out
/// by its own morning sign-ins.
/// </summary>
public sealed record SignInLimits(int FailuresPerAccount, int FailuresPerClient, TimeSpan Window)
{
    public static readonly SignInLimits Default = new(10, 50, TimeSpan.FromMinutes(15));
}

/// <summary>Whether a sign-in may be tried now, and if not, for how long it must wait.</summary>
public sealed record SignInGate(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly SignInGate Open = new(true, TimeSpan.Zero);
}

public static class SignInThrottle
{
    public static string AccountKey(string userName) => "account:" + Accounts.Normalize(userName);

    public static string ClientKey(string? address) => "client:" + (string.IsNullOrWhiteSpace(address) ? "unknown" : address.Trim());

    /// <summary>
    /// The rule, over one counter: closed while the window that started at <paramref name="windowStartedAt"/> is still
    /// running and holds <paramref name="limit"/> failures or more; open again when the window ends.
    /// </summary>
    public static SignInGate Decide(int failures, DateTime windowStartedAt, int limit, TimeSpan window, DateTime now)
    {
        var ends = windowStartedAt + window;
        if (now >= ends || failures < limit)
        {
            return SignInGate.Open;
        }

        return new SignInGate(false, ends - now);
    }

    /// <summary>The gate for this account name and client: the later of the two waits when either is closed.</summary>
    public static async Task<SignInGate> CheckAsync(AppDbContext db, string userName, string? client, SignInLimits limits, DateTime now, CancellationToken ct = default)
    {
        var account = AccountKey(userName);
        var clientKey = ClientKey(client);
        var rows = await db.SignInFailures.AsNoTracking().Where(f => f.Key == account || f.Key == clientKey).ToListAsync(ct);
        var wait = TimeSpan.Zero;
        foreach (var r in rows)
        {
            var limit = r.Key == account ? limits.FailuresPerAccount : limits.FailuresPerClient;
            var gate = Decide(r.Failures, r.WindowStartedAt, limit, limits.Window, now);
            if (!gate.Allowed && gate.RetryAfter > wait)
            {
                wait = gate.RetryAfter;
            }
        }

        return wait > TimeSpan.Zero ? new SignInGate(false, wait) : SignInGate.Open;
    }

    /// <summary>Counts one failure against the account name and the client; a counter whose window has ended starts again.</summary>
    public static async Task RecordFailureAsync(AppDbContext db, string userName, string? client, SignInLimits limits, DateTime now, CancellationToken ct = default)
    {
        foreach (var key in new[] { AccountKey(userName), ClientKey(client) })
        {
            await CountAsync(db, key, limits.Window, now, ct);
        }
    }

    /// <summary>A success clears both counters.</summary>
    public static Task ClearAsync(AppDbContext db, string userName, string? client, CancellationToken ct = default)
    {
        var account = AccountKey(userName);
        var clientKey = ClientKey(client);
        return db.SignInFailures.Where(f => f.Key == account || f.Key == clientKey).ExecuteDeleteAsync(ct);
    }

    // One statement per case so two instances counting the same key at once do not lose a failure: the increment
    // is done by the database, and a first insert that loses the race falls back to the increment.
    private static async Task CountAsync(AppDbContext db, string key, TimeSpan window, DateTime now, CancellationToken ct)
    {
        var windowOpenSince = now - window;
        var counted = await db.SignInFailures.Where(f => f.Key == key && f.WindowStartedAt > windowOpenSince)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1), ct);
        if (counted > 0)
        {
            return;
        }

        var restarted = await db.SignInFailures.Where(f => f.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, 1).SetProperty(f => f.WindowStartedAt, now), ct);
        if (restarted > 0)
        {
            return;
        }

        db.SignInFailures.Add(new SignInFailure { Key = key, Failures = 1, WindowStartedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await db.SignInFailures.Where(f => f.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1), ct);
        }
    }
}

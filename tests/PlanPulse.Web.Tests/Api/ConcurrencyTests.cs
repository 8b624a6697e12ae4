using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// Optimistic concurrency over HTTP, on SQLite and PostgreSQL: many writers save the same records at once, each
/// carrying the version it last saw. Every save lands (200, new version) or is refused (409 with the current version);
/// none is a 500, and none is lost: each version is reached by exactly one save, the stored row is the last save's,
/// and the audit trail holds one update per save.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Writers = 12;
    private const int AttemptsPerWriter = 5;

    public static TheoryData<string, string> ProvidersAndRecords()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            foreach (var kind in new[] { "report", "problem", "ruleset" })
            {
                data.Add(provider, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndRecords))]
    public async Task Save_ParallelWritersWithVersions_EachLandsOr409_NoneLost(string provider, string kind)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        var records = await RecordsAsync(app, kind);
        var start = records.ToDictionary(r => r.Id, r => r.Version);
        var known = new ConcurrentDictionary<int, int>(start);
        var saves = new ConcurrentBag<Save>();
        var statuses = new ConcurrentBag<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var audit = await AuditCountAsync(app, kind, records);

        var writers = Enumerable.Range(0, Writers).Select(async w =>
        {
            using var client = app.Client();
            await gate.Task;
            for (var a = 0; a < AttemptsPerWriter; a++)
            {
                var record = records[(w + a) % records.Count];

                // The first round all carry the version read before the start, so conflicts are certain, not lucky.
                var version = a == 0 ? start[record.Id] : known[record.Id];
                var value = ValueOf(kind, w, a);
                using var response = await SendAsync(client, kind, record, version, value, w + a);
                var body = await response.Content.ReadAsStringAsync();
                statuses.Add($"{(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var saved = VersionOf(kind, response, body);
                    saves.Add(new Save(record.Id, version, saved, value));
                    known.AddOrUpdate(record.Id, saved, (_, v) => Math.Max(v, saved));
                }
                else if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    var current = ApiJson.Parse(body).GetProperty("currentVersion").GetInt32();
                    Assert.NotEqual(version, current);
                    known.AddOrUpdate(record.Id, current, (_, v) => Math.Max(v, current));
                }
                else
                {
                    Assert.Fail($"{kind} save by writer {w} → {(int)response.StatusCode}: {body}");
                }
            }
        }).ToList();
        gate.SetResult();
        await Task.WhenAll(writers);

        Assert.All(statuses, s => Assert.True(s is "200" or "409", s));
        Assert.Contains("409", statuses);
        var stored = (await RecordsAsync(app, kind, records)).ToDictionary(r => r.Id);
        foreach (var record in records)
        {
            var mine = saves.Where(s => s.Id == record.Id).OrderBy(s => s.NewVersion).ToList();
            Assert.NotEmpty(mine);

            // No lost update: each save started from a different version and moved it on by exactly one.
            Assert.Equal(mine.Count, mine.Select(s => s.FromVersion).Distinct().Count());
            Assert.All(mine, s => Assert.Equal(s.FromVersion + 1, s.NewVersion));
            Assert.Equal(Enumerable.Range(start[record.Id] + 1, mine.Count), mine.Select(s => s.NewVersion));
            Assert.Equal(start[record.Id] + mine.Count, stored[record.Id].Version);
            Assert.Equal(mine[^1].Value, stored[record.Id].Value);
        }

        Assert.Equal(audit + saves.Count, await AuditCountAsync(app, kind, records));
    }

    public static TheoryData<string, string> ProvidersAndSteps()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            foreach (var step in new[] { "approve", "return", "escalate" })
            {
                data.Add(provider, step);
            }
        }

        return data;
    }

    /// <summary>Approving, returning or escalating is one step: of writers sharing a version exactly one moves it.</summary>
    [Theory]
    [MemberData(nameof(ProvidersAndSteps))]
    public async Task Step_ParallelWithSameVersion_ExactlyOneWins(string provider, string step)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        var (url, version) = step == "escalate"
            ? await app.WithDbAsync(async db => await db.Problems.Where(p => p.Status == ProblemStatus.Open && p.Level == EscalationLevel.Unit)
                .OrderBy(p => p.Id).Select(p => new ValueTuple<string, int>($"/api/problems/{p.Id}/escalate", p.Version)).FirstAsync())
            : await app.WithDbAsync(async db => await db.MonthlyReports.Where(r => r.Status == ReportStatus.Submitted)
                .OrderBy(r => r.Id).Select(r => new ValueTuple<string, int>($"/api/reports/{r.Id}/{step}", r.Version)).FirstAsync());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, Writers).Select(async _ =>
        {
            using var client = app.Client();
            await gate.Task;
            using var response = await client.PostAsync(new Uri(url, UriKind.Relative), Json($$"""{"version":{{version}},"reason":"数据有误","note":"上报"}"""));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r =>
        {
            Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {r.Body}");
            Assert.Equal(version + 1, ApiJson.Parse(r.Body).GetProperty("currentVersion").GetInt32());
        });
    }

    public static TheoryData<string, string> ProvidersAndStaleSaves()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            foreach (var kind in new[] { "report", "problem", "ruleset", "approve" })
            {
                data.Add(provider, kind);
            }
        }

        return data;
    }

    /// <summary>A save from an old version is refused with the version now stored, and changes nothing.</summary>
    [Theory]
    [MemberData(nameof(ProvidersAndStaleSaves))]
    public async Task Save_StaleVersion_409WithCurrentVersion_NothingSaved(string provider, string kind)
    {
        await using var app = await ApiFactory.CreateAsync(provider);
        using var client = app.Client();
        var record = (await RecordsAsync(app, kind == "approve" ? "report" : kind))[0];

        // Someone else saves first, moving the version on.
        using (var first = await SendAsync(client, kind == "approve" ? "report" : kind, record, record.Version, ValueOf(kind, 58, 0), 1))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var now = (await RecordsAsync(app, kind == "approve" ? "report" : kind, [record])).Single();
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        using var stale = kind == "approve"
            ? await client.PostAsync(new Uri($"/api/reports/{record.Id}/approve", UriKind.Relative), Json($$"""{"version":{{record.Version}}}"""))
            : await SendAsync(client, kind, record, record.Version, ValueOf(kind, 59, 0), 2);
        var body = await stale.Content.ReadAsStringAsync();

        ApiJson.AssertProblem(stale, body, HttpStatusCode.Conflict);
        Assert.Equal(now.Version, ApiJson.Parse(body).GetProperty("currentVersion").GetInt32());
        Assert.Equal(record.Version + 1, now.Version);
        var after = (await RecordsAsync(app, kind == "approve" ? "report" : kind, [record])).Single();
        Assert.Equal(now, after);
        Assert.Equal(audit, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    private sealed record Record(int Id, int Version, string? Value, int ProjectId);

    private sealed record Save(int Id, int FromVersion, int NewVersion, string Value);

    /// <summary>
    /// The records the writers share (three submitted November reports, two open problems, the 2023 rule set) as
    /// stored now; with <paramref name="these"/>, those records again.
    /// </summary>
    private static Task<List<Record>> RecordsAsync(ApiFactory app, string kind, IReadOnlyList<Record>? these = null)
    {
        var ids = these?.Select(r => r.Id).ToList();
        return app.WithDbAsync(db => kind switch
        {
            "report" => db.MonthlyReports.AsNoTracking().Where(r => ids == null ? r.Month == 202311 && r.Status == ReportStatus.Submitted : ids.Contains(r.Id))
                .OrderBy(r => r.Id).Take(3).Select(r => new Record(r.Id, r.Version, r.Progress, r.ProjectId)).ToListAsync(),
            "problem" => db.Problems.AsNoTracking().Where(p => ids == null ? p.Status == ProblemStatus.Open : ids.Contains(p.Id))
                .OrderBy(p => p.Id).Take(2).Select(p => new Record(p.Id, p.Version, p.Resolution, p.ProjectId)).ToListAsync(),
            "ruleset" => RuleSetRecordsAsync(db),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });
    }

    /// <summary>The 2023 rule set, stored first so it has a version; its value is its green threshold.</summary>
    private static async Task<List<Record>> RuleSetRecordsAsync(AppDbContext db)
    {
        if (!await db.RuleSets.AnyAsync(r => r.Year == 2023))
        {
            await PlanPulse.App.Features.RuleSets.RuleSets.SaveAsync(db, RuleSet.DefaultFor(2023));
        }

        var rows = await db.RuleSets.AsNoTracking().Where(r => r.Year == 2023).ToListAsync();
        return rows.Select(r => new Record(r.Year, r.Version, Threshold(JsonDocument.Parse(r.Json).RootElement.GetProperty("greenMaxGapPoints").GetDecimal()), 0)).ToList();
    }

    private static Task<int> AuditCountAsync(ApiFactory app, string kind, IReadOnlyList<Record> records)
    {
        var entity = kind switch { "report" => nameof(MonthlyReport), "problem" => nameof(Problem), _ => nameof(RuleSetRecord) };
        var keys = records.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == entity && keys.Contains(a.Key) && a.Action == "Updated"));
    }

    /// <summary>
    /// What a writer's attempt saves, unique per writer and attempt: a report's progress text, a problem's resolution,
    /// a rule set's green threshold (0.0–9.9 points, below the yellow threshold of 30).
    /// </summary>
    private static string ValueOf(string kind, int writer, int attempt) =>
        kind == "ruleset" ? Threshold(((writer * AttemptsPerWriter) + attempt) / 10m) : $"w{writer}a{attempt}";

    private static string Threshold(decimal points) => points.ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string kind, Record record, int version, string value, int amount)
    {
        switch (kind)
        {
            case "report":
                return client.PostAsync(new Uri("/api/reports", UriKind.Relative), Json($$"""{"projectId":{{record.ProjectId}},"month":"2023-11","amount":{{100 + amount}},"progress":"{{value}}","version":{{version}}}"""));
            case "problem":
                return client.PostAsync(new Uri($"/api/problems/{record.Id}/resolve", UriKind.Relative), Json($$"""{"resolution":"{{value}}","version":{{version}}}"""));
            default:
                var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/rulesets/2023?version={version}", UriKind.Relative))
                {
                    Content = Json($$"""{"greenMaxGapPoints":{{value}}}"""),
                };
                return client.SendAsync(request);
        }
    }

    private static int VersionOf(string kind, HttpResponseMessage response, string body) => kind == "ruleset"
        ? int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture)
        : ApiJson.Parse(body).GetProperty("version").GetInt32();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

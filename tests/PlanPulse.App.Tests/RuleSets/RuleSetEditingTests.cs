using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Features.RuleSets;
using PlanPulse.App.Tests.Support;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using RuleSetFeature = PlanPulse.App.Features.RuleSets.RuleSets;

namespace PlanPulse.App.Tests.RuleSets;

/// <summary>
/// The rule-set editor's App functions: checks that name their field (with the exempted unit looked up), a stale
/// version refused instead of overwriting, and the preview of a draft against the demo's November 2023, which saves
/// nothing.
/// </summary>
public sealed class RuleSetEditingTests
{
    private static readonly YearMonth November = new(2023, 11);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TrySave_StaleVersion_RefusedAndTheOtherSaveKept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var first = database.NewContext())
        {
            Assert.Empty(await RuleSetFeature.TrySaveAsync(first, RuleSet.DefaultFor(2023) with { GreenMaxGapPoints = 8m }, version: 0));
        }

        // A second editor opened the defaults (version 0) before the first saved.
        await using var second = database.NewContext();
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => RuleSetFeature.TrySaveAsync(second, RuleSet.DefaultFor(2023) with { GreenMaxGapPoints = 12m }, version: 0));

        Assert.Equal(1, ex.CurrentVersion);
        Assert.Contains("已被他人修改", ex.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(8m, (await RuleSetFeature.LoadAsync(check, 2023)).GreenMaxGapPoints);
        Assert.Equal(1, await RuleSetFeature.VersionAsync(check, 2023));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TrySave_CurrentVersion_SavedAuditedAndVersionBumped(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        db.AuditUser = "planoffice";
        Assert.Empty(await RuleSetFeature.TrySaveAsync(db, RuleSet.DefaultFor(2023), version: 0));

        Assert.Empty(await RuleSetFeature.TrySaveAsync(db, RuleSet.DefaultFor(2023) with { RedListSize = 5 }, version: 1));

        await using var check = database.NewContext();
        Assert.Equal(5, (await RuleSetFeature.LoadAsync(check, 2023)).RedListSize);
        Assert.Equal(2, await RuleSetFeature.VersionAsync(check, 2023));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Entity == "RuleSetRecord" && a.Action == "Updated" && a.User == "planoffice"));
    }

    public static TheoryData<string, RuleSet, string, string> InvalidDrafts => new()
    {
        { "yellow below green", RuleSet.DefaultFor(2023) with { GreenMaxGapPoints = 20m, YellowMaxGapPoints = 10m }, "yellowMaxGapPoints", "黄色阈值应不小于绿色阈值" },
        { "negative weight", RuleSet.DefaultFor(2023) with { Weights = new LeagueWeights { Reports = -0.15m } }, "weights.reports", "按时报送权重不能为负数" },
        { "negative green", RuleSet.DefaultFor(2023) with { GreenMaxGapPoints = -1m }, "greenMaxGapPoints", "绿色阈值不能为负数" },
        { "unknown exempted unit", RuleSet.DefaultFor(2023) with { Exemptions = [new Exemption("NO-SUCH-UNIT", 202306, 202308, "汛期停工")] }, "exemptions[0].unitCode", "第1条豁免:单位不存在(NO-SUCH-UNIT)" },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task TrySave_InvalidDraft_ErrorNamesTheFieldAndNothingSaved(string scenario, RuleSet draft, string field, string message)
    {
        await using var database = await TestDatabase.CreateAsync(Databases.Sqlite);
        await using var db = database.NewContext();

        var errors = await RuleSetFeature.TrySaveAsync(db, draft, version: 0);

        Assert.True(errors.Count == 1, $"{scenario}: {string.Join(" | ", errors)}");
        Assert.Equal(new RuleError(field, message), errors[0]);
        Assert.Equal(0, await RuleSetFeature.VersionAsync(db, 2023));
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Entity == "RuleSetRecord"));
    }

    /// <summary>
    /// The demo's November 2023 under the published defaults (green within 10 points, yellow within 30) and under a
    /// draft that narrows green to 5 points: 13 projects between 5 and 10 points behind turn from green to yellow.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Preview_NarrowerGreen_DemoNovember_CountsAndChangedProjects_NothingSaved(string provider)
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(provider);
        await using var db = database.NewContext();
        var audit = await db.AuditEntries.CountAsync();
        var summary = await PortfolioSummary.GetAsync(db, November, null);
        var draft = RuleSet.DefaultFor(2023) with { GreenMaxGapPoints = 5m };

        var preview = await RuleSetPreview.PreviewAsync(db, draft, November, pageSize: 5);

        Assert.Equal(220, preview.Projects);
        Assert.Equal(summary.Colours, ColoursDto.From(preview.Before));
        Assert.Equal(new ColourCounts(112, 47, 33, 13, 15), preview.Before);
        Assert.Equal(new ColourCounts(112, 34, 46, 13, 15), preview.After);
        Assert.Equal(13, preview.Changed);
        Assert.Equal(3, preview.PageCount);
        Assert.Equal(5, preview.Items.Count);
        Assert.All(preview.Items, c => Assert.Equal((Colour.Green, Colour.Yellow), (c.Before, c.After)));
        Assert.All(preview.Items, c => Assert.Contains("超过5.0", c.ReasonAfter, StringComparison.Ordinal));
        Assert.Equal(preview.Items.Select(c => c.Code).Order(StringComparer.Ordinal), preview.Items.Select(c => c.Code));

        var last = await RuleSetPreview.PreviewAsync(db, draft, November, page: 3, pageSize: 5);
        Assert.Equal(3, last.Items.Count);
        Assert.Empty(last.Items.Select(c => c.ProjectId).Intersect(preview.Items.Select(c => c.ProjectId)));

        Assert.Equal(audit, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await RuleSetFeature.VersionAsync(db, 2023));
        Assert.Equal(summary.Colours, (await PortfolioSummary.GetAsync(db, November, null)).Colours);
    }

    [Fact]
    public async Task Preview_SameRules_NoChange()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();

        var preview = await RuleSetPreview.PreviewAsync(db, RuleSet.DefaultFor(2023), November);

        Assert.Equal(0, preview.Changed);
        Assert.Empty(preview.Items);
        Assert.Equal(preview.Before, preview.After);
    }

    [Fact]
    public async Task Preview_InvalidDraft_RefusedNamingTheField()
    {
        await using var database = await TestDatabase.CreateWithDemoAsync(Databases.Sqlite);
        await using var db = database.NewContext();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => RuleSetPreview.PreviewAsync(db, RuleSet.DefaultFor(2023) with { YellowMaxGapPoints = 3m }, November));

        Assert.Equal(["黄色阈值应不小于绿色阈值"], ex.Errors["yellowMaxGapPoints"]);
    }
}

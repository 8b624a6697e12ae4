using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Reports;
using PlanPulse.App.Tests.Support;
using AccountFeature = PlanPulse.App.Features.Accounts.Accounts;

namespace PlanPulse.App.Tests.Accounts;

/// <summary>
/// The account changes behind the accounts page (and the CLI): the last enabled administrator stays, a stale
/// ConcurrencyStamp is refused, role and scope follow the creation rules, tokens are revoked one or all, and every
/// change is in the audit trail while a refused one leaves it as it was.
/// </summary>
public sealed class AccountAdministrationTests
{
    private const string Password = "Rules2023abc";

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SetDisabled_LastEnabledAdmin_RefusedAndNothingSaved(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await AccountFeature.CreateAsync(db, "root", Roles.Admin, Password);
        await AccountFeature.CreateAsync(db, "root2", Roles.Admin, Password);
        await AccountFeature.SetDisabledAsync(db, "root2", true);
        var audit = await db.AuditEntries.CountAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AccountFeature.SetDisabledAsync(db, "root", true));

        Assert.Contains("最后一个启用的系统管理员", ex.Errors["disabled"][0], StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.False((await AccountFeature.FindAsync(check, "root")).Disabled);
        Assert.Equal(audit, await check.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SetDisabled_AnotherAdminEnabled_DisablesRevokesTokensEndsSessionsAndAudits(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        await AccountFeature.CreateAsync(db, "root", Roles.Admin, Password);
        var other = await AccountFeature.CreateAsync(db, "root2", Roles.Admin, Password);
        var token = await AccountFeature.IssueTokenAsync(db, "root2", clock);
        var securityStamp = other.SecurityStamp;
        var concurrencyStamp = other.ConcurrencyStamp;
        db.AuditUser = "root";

        await AccountFeature.SetDisabledAsync(db, "root2", true, concurrencyStamp);

        await using var check = database.NewContext();
        var saved = await AccountFeature.FindAsync(check, "root2");
        Assert.True(saved.Disabled);
        Assert.NotEqual(securityStamp, saved.SecurityStamp);
        Assert.NotEqual(concurrencyStamp, saved.ConcurrencyStamp);
        Assert.Null(await AccountFeature.FindByTokenAsync(check, token, clock));
        Assert.True(await check.ApiTokens.Where(t => t.UserId == other.Id).AllAsync(t => t.Revoked));
        var entries = await check.AuditEntries.Where(a => a.Entity == nameof(AppUser) && a.Key == other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Updated").ToListAsync();
        Assert.Contains(entries, a => a.User == "root" && a.Changes.Contains("\"Disabled\":{\"old\":false,\"new\":true}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Update_LastEnabledAdminToAnotherRole_Refused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var root = await AccountFeature.CreateAsync(db, "root", Roles.Admin, Password);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AccountFeature.UpdateAsync(db, "root", null, Roles.PlanOffice, null, null, root.ConcurrencyStamp));

        Assert.Contains("不能更改最后一个启用的系统管理员的角色", ex.Errors["role"][0], StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(Roles.Admin, await AccountFeature.RoleOfAsync(check, root.Id));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Update_StaleConcurrencyStamp_RefusedAndNotOverwritten(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var setup = database.NewContext())
        {
            await AccountFeature.CreateAsync(setup, "root", Roles.Admin, Password);
            await AccountFeature.CreateAsync(setup, "clerk", Roles.Leader, Password, "王科员");
        }

        // Two administrators open the same account; the first saves a new display name.
        string read;
        await using (var first = database.NewContext())
        {
            read = (await AccountFeature.FindAsync(first, "clerk")).ConcurrencyStamp!;
            await AccountFeature.UpdateAsync(first, "clerk", "王科长", Roles.Leader, null, null, read);
        }

        await using var second = database.NewContext();
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AccountFeature.SetDisabledAsync(second, "clerk", true, read));

        Assert.Contains("已被他人修改", ex.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        var clerk = await AccountFeature.FindAsync(check, "clerk");
        Assert.Equal("王科长", clerk.DisplayName);
        Assert.False(clerk.Disabled);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Update_RoleAndUnit_ReplacesTheRoleChangesScopeAndEndsSessions(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await SeedUnitAsync(db, "U01", "区交通局");
        await AccountFeature.CreateAsync(db, "root", Roles.Admin, Password);
        var user = await AccountFeature.CreateAsync(db, "li", Roles.Leader, Password);
        var securityStamp = user.SecurityStamp;

        await AccountFeature.UpdateAsync(db, "li", "李填报", Roles.Reporter, "U01", null, user.ConcurrencyStamp);

        await using var check = database.NewContext();
        var saved = await AccountFeature.FindAsync(check, "li");
        Assert.Equal(Roles.Reporter, await AccountFeature.RoleOfAsync(check, saved.Id));
        Assert.Equal(1, await check.UserRoles.CountAsync(ur => ur.UserId == saved.Id));
        Assert.Equal("李填报", saved.DisplayName);
        Assert.Equal("U01", (await check.Units.SingleAsync(u => u.Id == saved.UnitId)).Code);
        Assert.NotEqual(securityStamp, saved.SecurityStamp);
        var scope = await AccountFeature.ScopeOfAsync(check, saved.Id, Roles.Reporter);
        Assert.Equal("/U01/", scope.UnitPath);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Entity == "IdentityUserRole`1" && a.Action == "Deleted"));
        var created = await check.AuditEntries.Where(a => a.Entity == "IdentityUserRole`1" && a.Action == "Created").Select(a => a.Key).ToListAsync();
        Assert.Contains(created, k => k.StartsWith(saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Roles.Reporter, null, null, "unit", "填报员和指挥部账号须指定单位")]
    [InlineData(Roles.Command, "NOPE", null, "unit", "单位不存在:NOPE")]
    [InlineData(Roles.Commissioner, null, null, "person", "服务专员账号须指定人员")]
    [InlineData(Roles.Commissioner, null, 424242, "person", "人员不存在:424242")]
    [InlineData("boss", null, null, "role", "未知角色:boss")]
    public async Task Update_InvalidScope_ChineseErrorNamingTheFieldAndNothingSaved(string role, string? unit, int? person, string field, string message)
    {
        await using var database = await TestDatabase.CreateAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        await AccountFeature.CreateAsync(db, "root", Roles.Admin, Password);
        var user = await AccountFeature.CreateAsync(db, "li", Roles.Leader, Password);
        var audit = await db.AuditEntries.CountAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AccountFeature.UpdateAsync(db, "li", null, role, unit, person, user.ConcurrencyStamp));

        Assert.StartsWith(message, ex.Errors[field][0], StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal(Roles.Leader, await AccountFeature.RoleOfAsync(check, user.Id));
        Assert.Equal(audit, await check.AuditEntries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RevokeTokens_OneThenAll_CountsOnlyWorkingTokens(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        await AccountFeature.CreateAsync(db, "root", Roles.Admin, Password);
        var user = await AccountFeature.CreateAsync(db, "script", Roles.PlanOffice, Password);
        var t1 = await AccountFeature.IssueTokenAsync(db, "script", clock);
        var t2 = await AccountFeature.IssueTokenAsync(db, "script", clock);
        var t3 = await AccountFeature.IssueTokenAsync(db, "script", clock, TimeSpan.FromDays(1));
        var other = await AccountFeature.IssueTokenAsync(db, "root", clock);
        clock.Advance(TimeSpan.FromDays(2)); // t3 has expired

        Assert.Equal(2, (await AccountFeature.ListAsync(db, clock)).Single(u => u.UserName == "script").ActiveTokens);
        var detail = await AccountFeature.GetAsync(db, user.Id, clock);
        Assert.Equal(3, detail!.Tokens.Count);
        Assert.Equal(2, detail.Tokens.Count(t => t.Active));

        var first = detail.Tokens.Single(t => t.Active && t.Id == detail.Tokens.Where(x => x.Active).Min(x => x.Id));
        Assert.Equal(1, await AccountFeature.RevokeTokensAsync(db, "script", first.Id));
        Assert.Null(await AccountFeature.FindByTokenAsync(db, t1, clock));
        Assert.NotNull(await AccountFeature.FindByTokenAsync(db, t2, clock));

        var rootToken = await db.ApiTokens.Where(t => t.UserId != user.Id).Select(t => t.Id).SingleAsync();
        var foreign = await Assert.ThrowsAsync<ValidationFailedException>(() => AccountFeature.RevokeTokensAsync(db, "script", rootToken));
        Assert.Contains("没有编号为", foreign.Errors["token"][0], StringComparison.Ordinal);
        Assert.NotNull(await AccountFeature.FindByTokenAsync(db, other, clock));

        Assert.Equal(2, await AccountFeature.RevokeTokensAsync(db, "script", null)); // t2 and the expired t3
        Assert.Null(await AccountFeature.FindByTokenAsync(db, t2, clock));
        Assert.Equal(0, (await AccountFeature.ListAsync(db, clock)).Single(u => u.UserName == "script").ActiveTokens);
        Assert.True(await db.AuditEntries.CountAsync(a => a.Entity == nameof(ApiToken) && a.Action == "Updated") >= 3);
    }

    [Fact]
    public async Task ResetPassword_StaleStampOrWeakPassword_RefusedAndOldPasswordStillWorks()
    {
        await using var database = await TestDatabase.CreateAsync(Databases.Sqlite);
        await using var db = database.NewContext();
        await AccountFeature.CreateAsync(db, "root", Roles.Admin, Password);

        var weak = await Assert.ThrowsAsync<ValidationFailedException>(() => AccountFeature.ResetPasswordAsync(db, "root", "short1", "irrelevant"));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => AccountFeature.ResetPasswordAsync(db, "root", "Another2023x", "not-the-stamp"));

        Assert.Equal("密码至少10位,且须同时包含字母和数字", weak.Errors["password"][0]);
        await using var check = database.NewContext();
        Assert.True(AccountFeature.VerifyPassword(await AccountFeature.FindAsync(check, "root"), Password));
    }

    [Fact]
    public void NewPassword_PassesThePasswordRules_AndDiffersEachTime()
    {
        var a = AccountFeature.NewPassword();
        var b = AccountFeature.NewPassword();

        Assert.Null(AccountFeature.CheckPassword(a));
        Assert.Equal(16, a.Length);
        Assert.NotEqual(a, b);
    }

    private static async Task SeedUnitAsync(AppDbContext db, string code, string name)
    {
        db.Units.Add(new Unit { Code = code, Name = name, Type = PlanPulse.Domain.Portfolio.UnitType.Department, Path = $"/{code}/" });
        await db.SaveChangesAsync();
    }
}

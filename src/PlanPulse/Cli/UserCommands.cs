using System.CommandLine;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;

namespace PlanPulse.Cli;

/// <summary><c>planpulse users add|list|disable|enable|reset-password|token</c>.</summary>
public static class UserCommands
{
    public static Command Build()
    {
        var users = new Command("users", "账号管理");
        var name = new Argument<string>("name") { Description = "用户名" };

        var role = new Option<string>("--role") { Description = $"角色:{string.Join("/", Roles.All)}", Required = true };
        var password = new Option<string?>("--password") { Description = "初始密码(至少10位,含字母和数字);不给则生成并打印一次" };
        var display = new Option<string?>("--display-name") { Description = "显示名" };
        var unit = new Option<string?>("--unit") { Description = "所属单位代码(填报员、指挥部必填)" };
        var person = new Option<int?>("--person-id") { Description = "服务专员对应的人员编号" };
        var add = new Command("add", "新建账号") { name, role, password, display, unit, person };
        add.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var pw = r.GetValue(password);
            var generated = pw is null;
            pw ??= NewPassword();
            var user = await Accounts.CreateAsync(db, r.GetValue(name)!, r.GetValue(role)!, pw, r.GetValue(display), r.GetValue(unit), r.GetValue(person), ct: ct);
            Console.WriteLine($"已创建账号 {user.UserName}({Roles.Name(r.GetValue(role)!)})");
            if (generated)
            {
                Console.WriteLine($"初始密码(只显示这一次):{pw}");
            }

            return 0;
        });
        users.Subcommands.Add(add);

        var list = new Command("list", "列出账号");
        list.SetAction(async (_, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            foreach (var u in await Accounts.ListAsync(db, ct))
            {
                var flags = (u.Disabled ? " [停用]" : "") + (u.IsDemo ? " [演示]" : "");
                Console.WriteLine($"{u.UserName,-20} {u.RoleName,-12} {u.Unit ?? u.Person ?? "",-20} {u.DisplayName}{flags}");
            }

            return 0;
        });
        users.Subcommands.Add(list);

        foreach (var (verb, disabled, text) in new[] { ("disable", true, "停用账号(并吊销其令牌)"), ("enable", false, "启用账号") })
        {
            var n = new Argument<string>("name") { Description = "用户名" };
            var cmd = new Command(verb, text) { n };
            cmd.SetAction(async (r, ct) =>
            {
                await using var db = await CommandLine.OpenAsync(ct);
                try
                {
                    await Accounts.SetDisabledAsync(db, r.GetValue(n)!, disabled, ct);
                }
                catch (App.Features.Reports.ValidationFailedException ex)
                {
                    // System.CommandLine reports an exception with its stack; the last-admin refusal is a message.
                    await Console.Error.WriteLineAsync(ex.Message);
                    return 1;
                }

                Console.WriteLine(disabled ? $"已停用 {r.GetValue(n)}" : $"已启用 {r.GetValue(n)}");
                return 0;
            });
            users.Subcommands.Add(cmd);
        }

        var resetName = new Argument<string>("name") { Description = "用户名" };
        var resetPassword = new Option<string?>("--password") { Description = "新密码;不给则生成并打印一次" };
        var reset = new Command("reset-password", "重置密码并解除锁定") { resetName, resetPassword };
        reset.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var pw = r.GetValue(resetPassword) ?? NewPassword();
            await Accounts.ResetPasswordAsync(db, r.GetValue(resetName)!, pw, ct);
            Console.WriteLine(r.GetValue(resetPassword) is null ? $"新密码(只显示这一次):{pw}" : "密码已重置");
            return 0;
        });
        users.Subcommands.Add(reset);

        var tokenName = new Argument<string>("name") { Description = "用户名" };
        var days = new Option<int>("--days") { Description = "有效天数", DefaultValueFactory = _ => 90 };
        var token = new Command("token", "为该用户签发 API 令牌(Authorization: Bearer …),打印在最后一行") { tokenName, days };
        token.SetAction(async (r, ct) =>
        {
            await using var db = await CommandLine.OpenAsync(ct);
            var t = await Accounts.IssueTokenAsync(db, r.GetValue(tokenName)!, TimeProvider.System, TimeSpan.FromDays(r.GetValue(days)), ct);
            Console.WriteLine(t);
            return 0;
        });
        users.Subcommands.Add(token);
        return users;
    }

    /// <summary>A new random password (see <see cref="Accounts.NewPassword"/>), shared with the accounts page.</summary>
    public static string NewPassword() => Accounts.NewPassword();
}

using MiniExcelLibs;
using PlanPulse.Cli;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// <c>planpulse export projects</c> then <c>planpulse import projects</c> of that file changes nothing (exit 0); a file
/// with problems exits 1, prints every problem with its row and column, and saves nothing. Console and environment
/// are process state, so these run in the process-state collection.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class CliExcelTests
{
    private static readonly string[] _variables = ["PLANPULSE_DATA", "PLANPULSE_POSTGRES", "ConnectionStrings__Postgres", "ConnectionStrings__Sqlite"];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ExportThenImport_ChangesNothing_AndBadFileExitsNonZeroSavingNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var environment = await DemoAsync(database);
        var file = Path.Combine(database.DataFolder, "项目清单.xlsx");
        var bad = Path.Combine(database.DataFolder, "有误.xlsx");

        var (exportExit, exportOut, _) = await RunCliAsync(environment, ["export", "projects", file, "--year", "2023", "--month", "6"]);
        Assert.True(exportExit == 0, exportOut);

        var (importExit, importOut, importErr) = await RunCliAsync(environment, ["import", "projects", file]);
        Assert.True(importExit == 0, importOut + importErr);
        Assert.Matches(@"^已导入:共 \d+ 行,新增 0,修改 0,无变化 \d+,有误 0", importOut);

        using (var stream = File.Create(bad))
        {
            stream.SaveAs(new[]
            {
                new Dictionary<string, object?> { ["A"] = "项目代码", ["B"] = "项目名称", ["C"] = "责任单位", ["D"] = "总投资(亿元)" },
                new Dictionary<string, object?> { ["A"] = "NEW-1", ["B"] = "新项目", ["C"] = "没有这个局", ["D"] = "约3亿" },
            }, printHeader: false, sheetName: "项目库");
        }

        var (badExit, badOut, badErr) = await RunCliAsync(environment, ["import", "projects", bad]);

        Assert.Equal(1, badExit);
        Assert.Equal(
            "工作表“项目库”第2行 C列(责任单位):系统中没有单位“没有这个局”,请先在系统中建立或核对名称\n"
            + "工作表“项目库”第2行 D列(总投资(亿元)):“约3亿”是约数,无法准确读取金额,请填写确数\n",
            badErr.ReplaceLineEndings("\n"));
        Assert.StartsWith("未保存:共 1 行,新增 0", badOut, StringComparison.Ordinal);
        var (_, again, _) = await RunCliAsync(environment, ["import", "projects", file, "--preview"]);
        Assert.Contains("新增 0,修改 0", again, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Plans_ExportThenImportChangesNothing_BadRowExits1_KeepValidExits3(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var environment = await DemoAsync(database);
        var file = Path.Combine(database.DataFolder, "年度计划.xlsx");
        var bad = Path.Combine(database.DataFolder, "计划有误.xlsx");

        var (exportExit, exportOut, _) = await RunCliAsync(environment, ["export", "plans", file, "--year", "2023"]);
        Assert.True(exportExit == 0, exportOut);

        var (importExit, importOut, importErr) = await RunCliAsync(environment, ["import", "plans", file, "--year", "2023"]);
        Assert.True(importExit == 0, importOut + importErr);
        Assert.Matches(@"^已导入:共 (\d+) 行,新增 0,修改 0,无变化 \1,有误 0", importOut);

        var code = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().First()["项目代码"];
        using (var stream = File.Create(bad))
        {
            stream.SaveAs(new[]
            {
                new Dictionary<string, object?> { ["A"] = "项目代码", ["B"] = "年度计划投资(亿元)", ["C"] = "计划开工月份" },
                new Dictionary<string, object?> { ["A"] = "NOPE-1", ["B"] = "1", ["C"] = null },
                new Dictionary<string, object?> { ["A"] = code, ["B"] = "0.5", ["C"] = "2024-01" },
            }, printHeader: false, sheetName: "年度计划");
        }

        var (badExit, badOut, badErr) = await RunCliAsync(environment, ["import", "plans", bad, "--year", "2023"]);

        Assert.Equal(1, badExit);
        Assert.Equal(
            "工作表“年度计划”第2行 A列(项目代码):项目库中没有项目代码“NOPE-1”,请先导入项目库或核对代码\n"
            + "工作表“年度计划”第3行 C列(计划开工月份):计划开工月份2024年1月不在2023年内:年度计划只列本年的节点\n",
            badErr.ReplaceLineEndings("\n"));
        Assert.StartsWith("未保存:共 2 行,新增 0,修改 0,无变化 0,有误 2", badOut, StringComparison.Ordinal);

        using (var stream = File.Create(bad))
        {
            stream.SaveAs(new[]
            {
                new Dictionary<string, object?> { ["A"] = "项目代码", ["B"] = "年度计划投资(亿元)" },
                new Dictionary<string, object?> { ["A"] = "NOPE-1", ["B"] = "1" },
                new Dictionary<string, object?> { ["A"] = code, ["B"] = "0.51234" },
            }, printHeader: false, sheetName: "年度计划");
        }

        var (keepExit, keepOut, _) = await RunCliAsync(environment, ["import", "plans", bad, "--year", "2023", "--keep-valid"]);

        Assert.Equal(3, keepExit);
        Assert.Contains("已导入:共 2 行,新增 0,修改 1,无变化 0,有误 1", keepOut, StringComparison.Ordinal);
        var rejected = Path.Combine(database.DataFolder, "计划有误-未导入.xlsx");
        Assert.Equal("NOPE-1", Assert.Single(MiniExcel.Query(rejected, useHeaderRow: true).Cast<IDictionary<string, object?>>())["项目代码"]);
    }

    /// <summary>The CLI's environment for <paramref name="database"/>, with <c>planpulse demo</c> loaded into it.</summary>
    private static async Task<IReadOnlyDictionary<string, string?>> DemoAsync(TestDatabase database)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PLANPULSE_DATA"] = database.DataFolder,
            ["ConnectionStrings__Postgres"] = database.PostgresConnection,
        };
        var (exit, output, _) = await RunCliAsync(environment, ["demo"]);
        Assert.True(exit == 0, output);
        return environment;
    }

    private static async Task<(int Exit, string Output, string Error)> RunCliAsync(IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var saved = _variables.ToDictionary(v => v, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        var (console, errors) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            foreach (var name in _variables)
            {
                Environment.SetEnvironmentVariable(name, environment.TryGetValue(name, out var value) ? value : null);
            }

            Console.SetOut(output);
            Console.SetError(error);
            var exit = await CommandLine.RunAsync(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(console);
            Console.SetError(errors);
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}

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
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PLANPULSE_DATA"] = database.DataFolder,
            ["ConnectionStrings__Postgres"] = database.PostgresConnection,
        };
        var file = Path.Combine(database.DataFolder, "项目清单.xlsx");
        var bad = Path.Combine(database.DataFolder, "有误.xlsx");

        var (demoExit, demoOut, _) = await RunCliAsync(environment, ["demo"]);
        Assert.True(demoExit == 0, demoOut);
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

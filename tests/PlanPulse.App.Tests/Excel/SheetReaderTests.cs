using PlanPulse.App.Features.Excel;

namespace PlanPulse.App.Tests.Excel;

public sealed class SheetReaderTests
{
    private static readonly ColumnSpec[] Specs =
    [
        new("code", "项目代码", CellKind.Text, true, "项目编号", "编码"),
        new("name", "项目名称", CellKind.Text, true, "名称"),
        new("total", "总投资(万元)", CellKind.Amount, true, "总投资"),
        new("start", "计划开工", CellKind.Date, false, "计划开工时间"),
    ];

    /// <summary>
    /// A sheet as a town sends it: merged title, a unit line, a blank row, then the header in its own order and
    /// words (名称, 项目编号, 总投资 in 亿元 with a line break and full-width brackets), a section heading, figures
    /// as text with separators and full-width digits, a 合计 row and the figures nobody can read exactly.
    /// </summary>
    private static MemoryStream Messy() => MessySheet.Build("Sheet1",
    [
        ["2023年凤城街道重大项目表", null, null, null, null],                    // 1 merged title
        ["填报单位:凤城街道", null, null, null, "单位:亿元"],                    // 2
        [null, null, null, null, null],                                          // 3 blank
        ["序号", "名称", "项目编号", "总投资\n（亿元）", "计划开工时间"],        // 4 header
        ["一、新材料高地专项", null, null, null, null],                          // 5 section heading
        [1, "甲项目", "A-1", "1,234.5", "2023-03-01"],                           // 6 text with thousands separator
        [2, "乙项目", "A-2", "１２.５", "2023年6月"],                            // 7 full-width digits
        [3, "丙项目", 2301, 3.2, 45000d],                                        // 8 numbers as numbers; date serial
        [null, null, null, null, null],                                          // 9 blank
        ["合计", null, null, 1250.2, null],                                      // 10 subtotal
        [4, "丁项目", "A-4", "约3亿", "2023.1"],                                  // 11 approximate; ambiguous month
        [5, "戊项目", "A-5", "3-5亿", null],                                     // 12 range
        [6, "己项目", "A-6", "1.2万?", null],                                    // 13 question mark
        [7, "庚项目", "A-7", "12.345678901", null],                                // 14 finer than a yuan once ×10000
        ["小计(2个)", null, null, 9, null],                                      // 15 subtotal with a note
    ]);

    [Fact]
    public void Read_MessySheet_FindsHeaderBelowTitleAndSkipsBlankHeadingAndSubtotalRows()
    {
        using var xlsx = Messy();
        using var sheet = SheetReader.Read(xlsx, Specs);
        var rows = sheet.ReadRows().ToList();

        Assert.Empty(sheet.Problems);
        Assert.Equal(4, sheet.HeaderRow);
        Assert.Equal([6, 7, 8, 11, 12, 13, 14], rows.Select(r => r.Number));
        Assert.Equal(7, sheet.RowCount);
        Assert.Equal(4, sheet.Skipped); // rows 5, 9, 10, 15
        Assert.Equal("D", sheet.Column("total")!.Letter);
        Assert.Equal(10_000m, sheet.Column("total")!.Scale);
        Assert.Equal("C", sheet.Column("code")!.Letter);
    }

    [Fact]
    public void Amount_TextSeparatorsFullWidthAndYi_ConvertedToWanYuan()
    {
        using var xlsx = Messy();
        using var sheet = SheetReader.Read(xlsx, Specs);
        var rows = sheet.ReadRows().ToList();
        var problems = new List<ExcelProblem>();

        var values = rows.Take(3).Select(r => sheet.Row(r, problems).Amount("total", out var v) ? v : null).ToList();
        var codes = rows.Take(3).Select(r => sheet.Row(r, problems).Text("code")).ToList();
        var dates = rows.Take(3).Select(r => sheet.Row(r, problems).Date("start", out var d) ? d : null).ToList();

        Assert.Empty(problems);
        Assert.Equal([12_345_000m, 125_000m, 32_000m], values);
        Assert.Equal(["A-1", "A-2", "2301"], codes);
        Assert.Equal([new DateOnly(2023, 3, 1), new DateOnly(2023, 6, 1), new DateOnly(2023, 3, 15)], dates);
    }

    [Fact]
    public void Amount_InexactFigures_RejectedWithSheetRowColumnAndReason()
    {
        using var xlsx = Messy();
        using var sheet = SheetReader.Read(xlsx, Specs);
        var problems = new List<ExcelProblem>();

        foreach (var row in sheet.ReadRows().Skip(3))
        {
            var x = sheet.Row(row, problems);
            Assert.False(x.Amount("total", out var v));
            Assert.Null(v);
            x.Date("start", out _);
        }

        Assert.Equal(
        [
            new ExcelProblem("Sheet1", 11, "总投资\n（亿元）", "D", "“约3亿”是约数,无法准确读取金额,请填写确数"),
            new ExcelProblem("Sheet1", 11, "计划开工时间", "E", "“2023.1”不是日期,请写作 2023-03-01 或 2023年3月"),
            new ExcelProblem("Sheet1", 12, "总投资\n（亿元）", "D", "“3-5亿”是区间,无法准确读取金额,请填写确数"),
            new ExcelProblem("Sheet1", 13, "总投资\n（亿元）", "D", "“1.2万?”带问号,金额未确定,请填写确数"),
            new ExcelProblem("Sheet1", 14, "总投资\n（亿元）", "D", "“12.345678901”精确到元以下(万元最多4位小数),请核对"),
        ], problems);
        Assert.Equal("工作表“Sheet1”第11行 D列(总投资\n（亿元）):“约3亿”是约数,无法准确读取金额,请填写确数", problems[0].ToString());
    }

    // The Excel import reads typed amounts by the Domain's one rule (AmountText), as the report grid and the API do:
    // 1,2 is refused here exactly as there, and a unit may be typed only when it is the column's own.
    [Theory]
    [InlineData("总投资(万元)", "1,234.5", true, "1234.5")]
    [InlineData("总投资(万元)", "１，２３４．５", true, "1234.5")]
    [InlineData("总投资(万元)", " 12 ", true, "12")]
    [InlineData("总投资(万元)", "-50", true, "-50")]
    [InlineData("总投资(万元)", "120万元", true, "120")]
    [InlineData("总投资(亿元)", "3亿", true, "30000")]
    [InlineData("总投资(亿元)", "1,234.5", true, "12345000")]
    [InlineData("总投资(万元)", "1,2", false, "“1,2”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点")]
    [InlineData("总投资(万元)", "12,34.5", false, "“12,34.5”的逗号位置不对:千分位逗号应每三位一个(如1,234.5),无法确定是小数点还是分隔符,请删去逗号或改用“.”作小数点")]
    [InlineData("总投资(万元)", "约3亿", false, "“约3亿”是约数,无法准确读取金额,请填写确数")]
    [InlineData("总投资(万元)", "3000左右", false, "“3000左右”是约数,无法准确读取金额,请填写确数")]
    [InlineData("总投资(万元)", "3~5", false, "“3~5”是区间,无法准确读取金额,请填写确数")]
    [InlineData("总投资(万元)", "3亿", false, "“3亿”的单位是亿,本栏以万元为单位,请换算为万元或只填数字")]
    [InlineData("总投资(亿元)", "3万元", false, "“3万元”的单位是万元,本栏以亿元为单位,请换算为亿元或只填数字")]
    [InlineData("总投资(万元)", "1e5", false, "“1e5”是科学计数法,请写出完整数字")]
    [InlineData("总投资(万元)", "待定", false, "应为数字,收到“待定”")]
    public void Amount_TypedFigures_ReadByTheOneRule(string header, string typed, bool ok, string expected)
    {
        using var xlsx = MessySheet.Build("项目", [["项目代码", "项目名称", header], ["A", "甲", typed]], mergeTitle: false);
        using var sheet = SheetReader.Read(xlsx, Specs);
        var problems = new List<ExcelProblem>();
        var row = sheet.ReadRows().Single();

        var read = sheet.Row(row, problems).Amount("total", out var value);

        Assert.Equal(ok, read);
        if (ok)
        {
            Assert.Empty(problems);
            Assert.Equal(expected, value!.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.Null(value);
            Assert.Equal(expected, Assert.Single(problems).Message);
        }
    }

    [Fact]
    public void Read_HeaderMissingRequiredColumn_ProblemNamesColumnAndSynonyms()
    {
        using var xlsx = MessySheet.Build("项目", [["项目名称", "项目代码", "计划开工"], ["甲", "A", null]], mergeTitle: false);

        using var sheet = SheetReader.Read(xlsx, Specs);

        Assert.Equal([new ExcelProblem("项目", 1, "总投资(万元)", null, "缺少必填列“总投资(万元)”(也可写作:总投资)")], sheet.Problems);
    }

    [Fact]
    public void Read_NoHeaderAnywhere_OneProblem()
    {
        using var xlsx = MessySheet.Build("项目", [["随便写的", "表"], ["甲", "乙"]], mergeTitle: false);

        using var sheet = SheetReader.Read(xlsx, Specs);

        Assert.Equal(0, sheet.HeaderRow);
        Assert.Equal("前30行中找不到表头:表头应包含 项目代码、项目名称、总投资(万元) 等列", Assert.Single(sheet.Problems).Message);
    }

    [Fact]
    public void Read_NotAnXlsx_ProblemInsteadOfException()
    {
        using var notExcel = new MemoryStream("项目代码,项目名称\nA,甲"u8.ToArray());

        using var sheet = SheetReader.Read(notExcel, Specs);

        Assert.StartsWith("无法读取文件", Assert.Single(sheet.Problems).Message);
    }

    [Fact]
    public void Read_UnknownAmountUnitAndDuplicateColumn_Problems()
    {
        using var xlsx = MessySheet.Build("项目", [["项目代码", "项目名称", "名称", "总投资(千元)"], ["A", "甲", "甲", 1]], mergeTitle: false);

        using var sheet = SheetReader.Read(xlsx, Specs);

        Assert.Equal(
        [
            new ExcelProblem("项目", 1, "名称", "C", "与 B列“项目名称”是同一项,只能保留一列"),
            new ExcelProblem("项目", 1, "总投资(千元)", "D", "无法识别金额单位“千元”,请用万元或亿元"),
        ], sheet.Problems);
    }
}

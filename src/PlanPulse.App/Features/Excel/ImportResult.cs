using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PlanPulse.App.Data;

namespace PlanPulse.App.Features.Excel;

public enum ImportMode
{
    /// <summary>Read and check everything, save nothing.</summary>
    Preview,

    /// <summary>Save when there is no problem; with keep-valid, save the valid rows and hand back the rest.</summary>
    Commit,
}

public sealed record ImportOptions(ImportMode Mode, bool KeepValid = false);

/// <summary>Counts of what an import did (or, in preview, would do).</summary>
public sealed record ImportSummary(int Rows, int Created, int Updated, int Unchanged, int Rejected, int Skipped);

/// <summary>
/// The outcome of an import. <see cref="Saved"/> is false when nothing was written (preview, or problems without
/// keep-valid). <see cref="RejectedWorkbook"/> is the rejected rows as they were uploaded, with a 原因 column.
/// </summary>
public sealed record ImportResult(bool Saved, ImportSummary Summary, IReadOnlyList<ExcelProblem> Problems, byte[]? RejectedWorkbook)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>The steps every import shares once its rows are read: duplicate codes, the problem list, the save.</summary>
public static class ImportSteps
{
    public const string ConflictMessage = "保存时发现其他用户刚刚修改了其中的记录,本次没有保存任何内容;请重新上传预览后再导入";

    /// <summary>Collects the code of a row (if it has one) so that <see cref="RejectDuplicates"/> can find repeats.</summary>
    public static void NoteCode(Dictionary<string, List<int>> rowsByCode, string? code, int row)
    {
        if (code is null)
        {
            return;
        }

        if (!rowsByCode.TryGetValue(code, out var same))
        {
            rowsByCode[code] = same = [];
        }

        same.Add(row);
    }

    /// <summary>
    /// A code twice is two versions of one record: which one is right only the sender knows, so every row with it is
    /// rejected, each naming the others.
    /// </summary>
    public static void RejectDuplicates(SheetReader sheet, Dictionary<string, List<int>> rowsByCode, Dictionary<int, List<ExcelProblem>> rowProblems)
    {
        var c = sheet.Column("code")!;
        foreach (var (code, same) in rowsByCode.Where(kv => kv.Value.Count > 1))
        {
            foreach (var r in same)
            {
                var others = string.Join("、", same.Where(o => o != r).Select(o => o.ToString(CultureInfo.InvariantCulture)));
                if (!rowProblems.TryGetValue(r, out var list))
                {
                    rowProblems[r] = list = [];
                }

                list.Add(new ExcelProblem(sheet.Sheet, r, c.Header, c.Letter, $"项目代码“{code}”与第{others}行重复"));
            }
        }
    }

    /// <summary>Every row's problems in sheet order.</summary>
    public static List<ExcelProblem> InRowOrder(Dictionary<int, List<ExcelProblem>> rowProblems) =>
        rowProblems.OrderBy(r => r.Key).SelectMany(r => r.Value).ToList();

    /// <summary>
    /// Saves what the import put in the change tracker when <paramref name="apply"/>, in one transaction, and hands back
    /// the rejected rows. Versions are the concurrency tokens: if someone else saved one of the records since it was
    /// read (or created the same record), nothing is saved and the user is told to preview again, rather than one of
    /// the two changes being lost.
    /// </summary>
    public static async Task<ImportResult> FinishAsync(AppDbContext db, SheetReader sheet, bool apply, ImportSummary summary, List<ExcelProblem> problems, Dictionary<int, List<ExcelProblem>> rowProblems, CancellationToken ct)
    {
        if (!apply)
        {
            db.ChangeTracker.Clear();
            return new ImportResult(false, summary, problems, null);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added))
        {
            db.ChangeTracker.Clear();
            return new ImportResult(false, summary, [.. problems, new ExcelProblem(sheet.Sheet, 0, null, null, ConflictMessage)], null);
        }

        db.ChangeTracker.Clear();
        var rejected = rowProblems.Count > 0 ? RejectedRows.Write(sheet, rowProblems) : null;
        return new ImportResult(true, summary, problems, rejected);
    }
}

/// <summary>Writes the rows that were not imported back as a sheet the user can fix and upload again.</summary>
public static class RejectedRows
{
    public const string ReasonHeader = "原因";
    public const string RowHeader = "原行号";

    /// <summary>Reads the rejected rows again from the upload (rows are streamed, not kept) and writes them out.</summary>
    public static byte[] Write(SheetReader sheet, IReadOnlyDictionary<int, List<ExcelProblem>> rejected)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(Rows(sheet, rejected), sheetName: sheet.Sheet);
        return ExcelLayout.Apply(stream.ToArray());
    }

    /// <summary>The rejected rows of one sheet, for a workbook of several sheets' rejects.</summary>
    public static List<Dictionary<string, object?>> Rows(SheetReader sheet, IReadOnlyDictionary<int, List<ExcelProblem>> rejected)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(rejected);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var row in sheet.Reread(rejected.Keys.ToHashSet()))
        {
            var problems = rejected[row.Number];
            var d = new Dictionary<string, object?>(StringComparer.Ordinal) { [RowHeader] = row.Number };
            foreach (var (letter, text) in sheet.Headers)
            {
                if (text is ReasonHeader or RowHeader)
                {
                    continue;
                }

                d[Unique(d, text)] = row.Cells.TryGetValue(letter, out var v) ? v : null;
            }

            d[ReasonHeader] = string.Join(";", problems.Select(p => p.ColumnLetter is null ? p.Message : $"{p.ColumnLetter}列({p.Column}):{p.Message}"));
            rows.Add(d);
        }

        return rows;
    }

    private static string Unique(Dictionary<string, object?> d, string header)
    {
        var name = header;
        for (var i = 2; d.ContainsKey(name); i++)
        {
            name = $"{header}{i}";
        }

        return name;
    }
}

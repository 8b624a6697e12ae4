using MiniExcelLibs;

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

/// <summary>Writes the rows that were not imported back as a sheet the user can fix and upload again.</summary>
public static class RejectedRows
{
    public const string ReasonHeader = "原因";
    public const string RowHeader = "原行号";

    /// <summary>Reads the rejected rows again from the upload (rows are streamed, not kept) and writes them out.</summary>
    public static byte[] Write(SheetReader sheet, IReadOnlyDictionary<int, List<ExcelProblem>> rejected)
    {
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

        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: sheet.Sheet);
        return stream.ToArray();
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

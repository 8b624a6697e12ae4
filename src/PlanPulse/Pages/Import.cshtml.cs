using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.Api;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Organisation;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>
/// Upload a sheet → see every problem (sheet, row, column, message) → commit. Between preview and commit the file is
/// kept in the database under a random token (<see cref="PendingUpload"/>: any app instance can take the commit), so
/// the commit saves exactly the file that was previewed and the user does not upload it twice; the token is bound to
/// the user who uploaded it.
/// </summary>
/// <summary>What a workbook on the import page is.</summary>
public enum ImportKind
{
    /// <summary>月报: every writer, within their scope.</summary>
    Reports,

    /// <summary>项目库 (office).</summary>
    Projects,

    /// <summary>年度计划 (office).</summary>
    Plans,

    /// <summary>组织机构: units, people, tracks, lists (office).</summary>
    Organisation,

    /// <summary>历史月报 with their original submission times (office; a district bringing in earlier months).</summary>
    History,

    /// <summary>重点任务清单 of the year (office).</summary>
    KeyTasks,
}

[Authorize(Policy = Auth.WriterPolicy)]
public sealed class ImportModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    private byte[] _content = [];

    /// <summary>Everything but reports is for the office only.</summary>
    [BindProperty(SupportsGet = true)]
    public ImportKind Kind { get; set; } = ImportKind.Reports;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Month of the reports, yyyyMM.</summary>
    [BindProperty]
    public string? ReportMonth { get; set; }

    [BindProperty]
    public bool KeepValid { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    public string? FileName { get; private set; }

    public ImportResult? Result { get; private set; }

    public bool Committed { get; private set; }

    public string? Error { get; private set; }

    public bool IsOffice => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.PlanOffice);

    public async Task<IActionResult> OnGetAsync(int? year, int? month, CancellationToken ct)
    {
        await ResolvePeriodAsync(db, year, month, ct);
        ReportMonth ??= Period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Kind = IsOffice ? Kind : ImportKind.Reports;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int? year, int? month, CancellationToken ct)
    {
        await ResolvePeriodAsync(db, year, month, ct);
        if (Kind != ImportKind.Reports && !IsOffice)
        {
            return Forbid();
        }

        if (Upload is null || Upload.Length == 0)
        {
            Error = UiText.T("请选择要上传的 .xlsx 文件");
            return Page();
        }

        if (Upload.Length > ExcelApi.MaxUpload)
        {
            Error = string.Format(System.Globalization.CultureInfo.InvariantCulture, UiText.T("文件过大,上限 {0} MB"), ExcelApi.MaxUpload / 1024 / 1024);
            return Page();
        }

        FileName = Path.GetFileName(Upload.FileName);
        using (var buffer = new MemoryStream())
        {
            await Upload.CopyToAsync(buffer, ct);
            _content = buffer.ToArray();
        }

        Token = await PendingUploads.SaveAsync(db, User.Identity!.Name!, FileName, _content, clock, ct);
        Result = await RunAsync(ImportMode.Preview, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(int? year, int? month, CancellationToken ct)
    {
        await ResolvePeriodAsync(db, year, month, ct);
        if (Kind != ImportKind.Reports && !IsOffice)
        {
            return Forbid();
        }

        if (await PendingUploads.FindAsync(db, Token, User.Identity!.Name!, clock, ct) is not { } pending)
        {
            Error = UiText.T("上传的文件已失效,请重新上传");
            Token = null;
            return Page();
        }

        _content = pending.Content;
        FileName = pending.FileName;

        Result = await RunAsync(ImportMode.Commit, ct);
        Committed = Result.Saved;
        if (Result.Saved)
        {
            await PendingUploads.DeleteAsync(db, Token!, ct);
            Token = null;
        }

        if (Result.RejectedWorkbook is { } rejected)
        {
            // The valid rows are saved; what the user needs next is the sheet of the others, with the reasons.
            return File(rejected, ExcelApi.XlsxType, UiText.T("未导入的行") + ".xlsx");
        }

        return Page();
    }

    private async Task<ImportResult> RunAsync(ImportMode mode, CancellationToken ct)
    {
        using var stream = new MemoryStream(_content, writable: false);
        var options = new ImportOptions(mode, KeepValid);
        return Kind switch
        {
            ImportKind.Projects => await ProjectImport.RunAsync(db, stream, options, Period.Year, ct),
            ImportKind.Plans => await PlanImport.RunAsync(db, stream, options, Period.Year, ct),
            ImportKind.KeyTasks => await App.Features.KeyTasks.KeyTaskWorkbook.ImportAsync(db, stream, options, Period.Year, clock, ct),
            ImportKind.Organisation => await OrganisationImport.RunAsync(db, stream, options, Period.Year, ct),
            ImportKind.History => await ReportImport.RunAsync(db, stream, options, ReportMonth, null, User.Identity!.Name!, clock, ct, asSubmitted: true),
            _ => await ReportImport.RunAsync(db, stream, options, ReportMonth, null, User.Identity!.Name!, clock, ct),
        };
    }
}

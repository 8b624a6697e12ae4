using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.PlanDocuments;
using PlanPulse.App.Features.Reports;
using PlanPulse.Web;

namespace PlanPulse.Pages.PlanDocuments;

/// <summary>Upload a plan document (.txt, .docx, .pdf) and see the uploads with how far their review has got.</summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : UiPageModel
{
    public override bool ShowPeriodPicker => false;

    public IReadOnlyList<PlanDocumentSummaryDto> Documents { get; private set; } = [];

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Documents = await PlanDocumentQueries.ListAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Error = Upload is null ? "请选择要上传的文件" : "文件是空的";
        }
        else if (Upload.Length > UploadPlanDocument.MaxBytes)
        {
            Error = $"文件过大,最大 {UploadPlanDocument.MaxBytes / 1024 / 1024} MB";
        }
        else
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            try
            {
                var done = await UploadPlanDocument.HandleAsync(db, buffer.ToArray(), Upload.FileName, User.Identity!.Name!, clock, ct);
                return Redirect($"/plan-documents/{done.Id}");
            }
            catch (ValidationFailedException ex)
            {
                Error = string.Join(";", ex.Errors.SelectMany(e => e.Value));
            }
        }

        Response.StatusCode = 400;
        Documents = await PlanDocumentQueries.ListAsync(db, ct);
        return Page();
    }
}

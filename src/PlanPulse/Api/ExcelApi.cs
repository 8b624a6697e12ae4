using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Excel;
using PlanPulse.App.Features.Organisation;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.App.Features.Projects;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Api;

/// <summary>
/// Excel in and out: exports of the project list, league tables and annual plans, templates, and imports with preview.
/// The project library and the annual plans are the plan office's (office policy); monthly reports are any writer's,
/// limited by their scope.
/// </summary>
public static class ExcelApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Far above any real sheet (a 50,000-row library is about 4 MB); stops a runaway upload early.</summary>
    public const long MaxUpload = 30 * 1024 * 1024;

    public sealed record ProblemRow(string Sheet, int Row, string? Column, string? ColumnLetter, string Message, string Text);

    public sealed record ImportResponse(bool Saved, ImportSummary Summary, IReadOnlyList<ProblemRow> Problems, string? RejectedXlsxBase64);

    public static IEndpointRouteBuilder MapExcelApi(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/api/export").WithTags("excel");
        export.MapGet("/projects", ExportProjects).WithName("ExportProjects");
        export.MapGet("/rankings", ExportRankings).WithName("ExportRankings");
        export.MapGet("/plans", ExportPlans).RequireAuthorization(Auth.OfficePolicy).WithName("ExportPlans");
        export.MapGet("/organisation", ExportOrganisation).RequireAuthorization(Auth.OfficePolicy).WithName("ExportOrganisation");
        export.MapGet("/library", ExportLibrary).RequireAuthorization(Auth.OfficePolicy).WithName("ExportLibrary");
        export.MapGet("/reports", ExportReports).RequireAuthorization(Auth.OfficePolicy).WithName("ExportReports");

        var templates = app.MapGroup("/api/templates").WithTags("excel");
        templates.MapGet("/projects", ProjectsTemplate).RequireAuthorization(Auth.OfficePolicy).WithName("ProjectsTemplate");
        templates.MapGet("/reports", ReportsTemplate).RequireAuthorization(Auth.WriterPolicy).WithName("ReportsTemplate");
        templates.MapGet("/plans", PlansTemplate).RequireAuthorization(Auth.OfficePolicy).WithName("PlansTemplate");

        // No Accepts<IFormFile> metadata: it makes routing answer 415 before authorisation runs, so a denied user would
        // learn the endpoint's media type instead of getting 403. The handler reads the form itself.
        // Multipart uploads from scripts carry a bearer token, not an antiforgery token; browsers' cookies are
        // SameSite=Strict, so a cross-site form cannot post here with a session. The /import page has its own token.
        var import = app.MapGroup("/api/import").WithTags("excel").DisableAntiforgery();
        import.MapPost("/projects", ImportProjects).RequireAuthorization(Auth.OfficePolicy).WithName("ImportProjects");
        import.MapPost("/reports", ImportReports).RequireAuthorization(Auth.WriterPolicy).WithName("ImportReports");
        import.MapPost("/plans", ImportPlans).RequireAuthorization(Auth.OfficePolicy).WithName("ImportPlans");
        import.MapPost("/organisation", ImportOrganisation).RequireAuthorization(Auth.OfficePolicy).WithName("ImportOrganisation");
        import.MapPost("/key-tasks", ImportKeyTasks).RequireAuthorization(Auth.OfficePolicy).WithName("ImportKeyTasks");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportProjects(
        AppDbContext db, int? year, int? month, string? list, int? track, string? tier, int? unit, int? town, int? command,
        string? colour, string? phase, string? q, string? sort, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        Colour? c = null;
        if (!string.IsNullOrWhiteSpace(colour))
        {
            c = UiFormat.ParseColour(colour);
            if (c is null)
            {
                return PortfolioApi.Bad("colour", $"未知颜色:{colour}(blue/green/yellow/red/grey)");
            }
        }

        Phase? ph = null;
        if (!string.IsNullOrWhiteSpace(phase))
        {
            if (!Enum.TryParse<Phase>(phase, true, out var p) || !Enum.IsDefined(p))
            {
                return PortfolioApi.Bad("phase", $"未知阶段:{phase}");
            }

            ph = p;
        }

        var filter = new ProjectFilter { List = list, TrackId = track, Tier = tier, UnitId = unit, TownId = town, CommandId = command, Colour = c, Phase = ph, Query = q, Sort = sort };
        var bytes = await ExcelExport.ProjectsAsync(db, ym, filter, ct);
        return TypedResults.File(bytes, XlsxType, $"项目清单-{ym.Id}.xlsx");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportRankings(AppDbContext db, int? year, int? month, string? unitType, string? list, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        UnitType? type = null;
        if (!string.IsNullOrWhiteSpace(unitType))
        {
            if (!Enum.TryParse<UnitType>(unitType, true, out var t) || !Rankings.RankedTypes.Contains(t))
            {
                return PortfolioApi.Bad("unitType", $"未知单位类型:{unitType}(department/town/command)");
            }

            type = t;
        }

        var bytes = await ExcelExport.RankingsAsync(db, ym, type, list, ct);
        return TypedResults.File(bytes, XlsxType, $"赛马排名-{ym.Id}.xlsx");
    }

    private static async Task<FileContentHttpResult> ExportPlans(AppDbContext db, TimeProvider clock, int? year, CancellationToken ct)
    {
        var y = await YearAsync(db, year, clock, ct);
        return TypedResults.File(await ExcelExport.PlansAsync(db, y, ct), XlsxType, $"年度计划-{y}.xlsx");
    }

    private static async Task<FileContentHttpResult> ExportOrganisation(AppDbContext db, TimeProvider clock, int? year, CancellationToken ct)
    {
        var y = await YearAsync(db, year, clock, ct);
        return TypedResults.File(await OrganisationWorkbook.ExportAsync(db, y, ct), XlsxType, $"组织机构-{y}.xlsx");
    }

    private static async Task<FileContentHttpResult> ExportLibrary(AppDbContext db, TimeProvider clock, int? year, CancellationToken ct)
    {
        var y = await YearAsync(db, year, clock, ct);
        return TypedResults.File(await ExcelExport.LibraryAsync(db, y, ct), XlsxType, $"项目库-{y}.xlsx");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportReports(AppDbContext db, string? month, CancellationToken ct)
    {
        if (!YearMonth.TryParse(month, out var ym))
        {
            return PortfolioApi.Bad("month", $"月份格式应为 yyyy-MM 或 yyyyMM,收到“{month}”");
        }

        return TypedResults.File(await ExcelExport.ReportHistoryAsync(db, ym, ct), XlsxType, $"月报-{ym.Id}.xlsx");
    }

    private static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportOrganisation(
        AppDbContext db, TimeProvider clock, HttpRequest request, string? mode, bool? keepValid, int? year, CancellationToken ct) =>
        RunAsync(request, mode, keepValid, async (stream, options) => await OrganisationImport.RunAsync(db, stream, options, await YearAsync(db, year, clock, ct), ct));

    private static async Task<FileContentHttpResult> PlansTemplate(AppDbContext db, TimeProvider clock, int? year, CancellationToken ct)
    {
        var y = await YearAsync(db, year, clock, ct);
        return TypedResults.File(await ExcelTemplates.PlansAsync(db, y, ct), XlsxType, $"年度计划导入模板-{y}.xlsx");
    }

    private static async Task<FileContentHttpResult> ProjectsTemplate(AppDbContext db, TimeProvider clock, int? year, CancellationToken ct)
    {
        var y = await YearAsync(db, year, clock, ct);
        return TypedResults.File(await ExcelTemplates.ProjectsAsync(db, y, ct), XlsxType, $"项目库导入模板-{y}.xlsx");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReportsTemplate(AppDbContext db, int? year, int? month, string? unit, CancellationToken ct)
    {
        var (m, error) = await Periods.ResolveAsync(db, year, month, ct);
        if (m is not { } ym)
        {
            return PortfolioApi.BadPeriod(error);
        }

        var (unitId, unitError) = await UnitAsync(db, unit, ct);
        if (unitError is not null)
        {
            return PortfolioApi.Bad("unit", unitError);
        }

        return TypedResults.File(await ExcelTemplates.ReportsAsync(db, ym, unitId, ct), XlsxType, $"月报导入模板-{ym.Id}.xlsx");
    }

    private static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportProjects(
        AppDbContext db, TimeProvider clock, HttpRequest request, string? mode, bool? keepValid, int? year, CancellationToken ct) =>
        RunAsync(request, mode, keepValid, async (stream, options) => await ProjectImport.RunAsync(db, stream, options, await YearAsync(db, year, clock, ct), ct));

    private static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportPlans(
        AppDbContext db, TimeProvider clock, HttpRequest request, string? mode, bool? keepValid, int? year, CancellationToken ct) =>
        RunAsync(request, mode, keepValid, async (stream, options) => await PlanImport.RunAsync(db, stream, options, await YearAsync(db, year, clock, ct), ct));

    private static Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportKeyTasks(
        AppDbContext db, TimeProvider clock, HttpRequest request, string? mode, bool? keepValid, int? year, CancellationToken ct) =>
        RunAsync(request, mode, keepValid, async (stream, options) =>
            await App.Features.KeyTasks.KeyTaskWorkbook.ImportAsync(db, stream, options, year ?? App.Features.KeyTasks.KeyTaskQueries.Today(clock).Year, clock, ct));

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult, ForbidHttpResult>> ImportReports(
        AppDbContext db, TimeProvider clock, ClaimsPrincipal user, HttpRequest request, string? mode, bool? keepValid, string? month, string? unit, bool? asSubmitted, CancellationToken ct)
    {
        // History keeps the file's submission times: only the plan office may bring it in.
        if (asSubmitted == true && !(user.IsInRole(Roles.Admin) || user.IsInRole(Roles.PlanOffice)))
        {
            return TypedResults.Forbid();
        }

        var result = await RunAsync(request, mode, keepValid, async (stream, options) =>
        {
            var (unitId, unitError) = await UnitAsync(db, unit, ct);
            return unitError is not null
                ? new ImportResult(false, new ImportSummary(0, 0, 0, 0, 0, 0), [new ExcelProblem(ReportImport.SheetName, 0, null, null, unitError)], null)
                : await ReportImport.RunAsync(db, stream, options, month, unitId, user.Identity!.Name!, clock, ct, asSubmitted == true);
        });
        return result.Result switch
        {
            Ok<ImportResponse> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("unexpected import result"),
        };
    }

    internal static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> RunAsync(HttpRequest request, string? mode, bool? keepValid, Func<Stream, ImportOptions, Task<ImportResult>> run)
    {
        ImportMode m;
        switch (mode?.ToLowerInvariant())
        {
            case null or "" or "preview": m = ImportMode.Preview; break;
            case "commit": m = ImportMode.Commit; break;
            default: return PortfolioApi.Bad("mode", $"mode 应为 preview 或 commit,收到“{mode}”");
        }

        // The form is read here rather than bound, so a malformed multipart body is the client's 400, not a 500.
        IFormFile? file;
        try
        {
            file = request.HasFormContentType ? (await request.ReadFormAsync(request.HttpContext.RequestAborted)).Files.GetFile("file") : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return PortfolioApi.Bad("file", "上传内容无法读取,请以 multipart/form-data 上传 .xlsx 文件(字段 file)");
        }

        if (file is null || file.Length == 0)
        {
            return PortfolioApi.Bad("file", "请上传 .xlsx 文件(表单字段 file)");
        }

        if (file.Length > MaxUpload)
        {
            return PortfolioApi.Bad("file", $"文件过大({file.Length / 1024 / 1024} MB),上限 {MaxUpload / 1024 / 1024} MB");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        buffer.Position = 0;
        var result = await run(buffer, new ImportOptions(m, keepValid ?? false));
        return TypedResults.Ok(ToResponse(result));
    }

    public static ImportResponse ToResponse(ImportResult r) => new(
        r.Saved,
        r.Summary,
        r.Problems.Select(p => new ProblemRow(p.Sheet, p.Row, p.Column, p.ColumnLetter, p.Message, p.ToString())).ToList(),
        r.RejectedWorkbook is { } b ? Convert.ToBase64String(b) : null);

    /// <summary>The year a library or plan import is for: asked, else the latest year with lists, else this Beijing year.</summary>
    public static async Task<int> YearAsync(AppDbContext db, int? year, TimeProvider clock, CancellationToken ct) =>
        year ?? await db.ProjectLists.MaxAsync(l => (int?)l.Year, ct) ?? ReportingCalendar.CurrentMonth(clock.GetUtcNow()).Year;

    public static async Task<(int? Id, string? Error)> UnitAsync(AppDbContext db, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return (null, null);
        }

        var id = await db.Units.Where(u => u.Code == code.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        return id is null ? (null, $"未知单位代码:{code}") : (id, null);
    }
}

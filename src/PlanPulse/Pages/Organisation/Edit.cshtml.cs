using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Organisation;
using PlanPulse.App.Features.Reports;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web;

namespace PlanPulse.Pages.Organisation;

/// <summary>The fields of any organisation record as the form posts them; which ones matter depends on the kind.</summary>
public sealed class OrgForm
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public UnitType UnitType { get; set; } = UnitType.Department;

    public string? ParentCode { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public PersonRole Role { get; set; } = PersonRole.ServiceCommissioner;

    public string? Title { get; set; }

    public string? UnitCode { get; set; }

    public string? Phone { get; set; }

    public string? CommandCode { get; set; }

    public string? Colour { get; set; }

    public int SortOrder { get; set; }

    public bool Deactivated { get; set; }

    public List<int> Tracks { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>Create or change one unit, person, track or list; the App checks it as the workbook import does.</summary>
[Authorize(Policy = Auth.OfficePolicy)]
public sealed class EditModel(AppDbContext db) : UiPageModel
{
    [BindProperty(SupportsGet = true)]
    public OrgKind Kind { get; set; } = OrgKind.Units;

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public OrgForm Form { get; set; } = new();

    public OrganisationView? View { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Conflict { get; private set; }

    public bool IsNew => Id is null;

    public override bool ShowPeriodPicker => false;

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct))
        {
            return Page();
        }

        if (Id is { } id && !Fill(id))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct))
        {
            return Page();
        }

        var f = Form;
        try
        {
            switch (Kind)
            {
                case OrgKind.Units:
                    await OrganisationEdits.SaveUnitAsync(db, Id, new UnitInput(f.Code, f.Name, f.UnitType, f.ParentCode, f.ContactName, f.ContactPhone, f.SortOrder, f.Deactivated, f.Version, f.Tracks, Period.Year), ct);
                    break;
                case OrgKind.People:
                    await OrganisationEdits.SavePersonAsync(db, Id, new PersonInput(f.Code, f.Name, f.Role, f.Title, f.UnitCode, f.Phone, f.Deactivated, f.Version), ct);
                    break;
                case OrgKind.Tracks:
                    await OrganisationEdits.SaveTrackAsync(db, Id, new TrackInput(Period.Year, f.Code, f.Name, f.CommandCode, f.SortOrder, f.Colour, f.Deactivated, f.Version), ct);
                    break;
                default:
                    await OrganisationEdits.SaveListAsync(db, Id, new ListInput(Period.Year, f.Code, f.Name, f.SortOrder, f.Colour, f.Deactivated, f.Version), ct);
                    break;
            }
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        catch (ConcurrencyConflictException ex)
        {
            Conflict = ex.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        return Redirect($"/organisation?tab={Kind.ToString().ToLowerInvariant()}&year={Period.Year}&saved=1");
    }

    private async Task<bool> LoadAsync(int? year, CancellationToken ct)
    {
        if (!await ResolvePeriodAsync(db, year, null, ct))
        {
            return false;
        }

        View = await OrganisationQueries.GetAsync(db, Period.Year, includeDeactivated: true, ct);
        return true;
    }

    /// <summary>The record's current values into the form; false when there is no such record.</summary>
    private bool Fill(int id)
    {
        var v = View!;
        switch (Kind)
        {
            case OrgKind.Units when v.Units.FirstOrDefault(u => u.Id == id) is { } u:
                Form = new OrgForm
                {
                    Code = u.Code, Name = u.Name, UnitType = u.Type, ParentCode = u.ParentCode, ContactName = u.ContactName, ContactPhone = u.ContactPhone,
                    SortOrder = u.SortOrder, Deactivated = u.Deactivated, Version = u.Version,
                    Tracks = v.Tracks.Where(t => t.CommandCode == u.Code).Select(t => t.Id).ToList(),
                };
                return true;
            case OrgKind.People when v.People.FirstOrDefault(p => p.Id == id) is { } p:
                Form = new OrgForm { Code = p.Code, Name = p.Name, Role = p.Role, Title = p.Title, UnitCode = p.UnitCode, Phone = p.Phone, Deactivated = p.Deactivated, Version = p.Version };
                return true;
            case OrgKind.Tracks when v.Tracks.FirstOrDefault(t => t.Id == id) is { } t:
                Form = new OrgForm { Code = t.Code, Name = t.Name, CommandCode = t.CommandCode, SortOrder = t.SortOrder, Colour = t.Colour, Deactivated = t.Deactivated, Version = t.Version };
                return true;
            case OrgKind.Lists when v.Lists.FirstOrDefault(l => l.Id == id) is { } l:
                Form = new OrgForm { Code = l.Code, Name = l.Name, SortOrder = l.SortOrder, Colour = l.Colour, Deactivated = l.Deactivated, Version = l.Version };
                return true;
            default:
                return false;
        }
    }
}

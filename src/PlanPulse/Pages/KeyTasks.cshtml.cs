using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.PlanDocuments;
using PlanPulse.Web;

namespace PlanPulse.Pages;

/// <summary>The year's key-task responsibility list (重点任务责任清单), as accepted from the plan document's commitments.</summary>
public sealed class KeyTasksModel(AppDbContext db) : UiPageModel
{
    public override bool ShowPeriodPicker => false;

    public int Year { get; private set; }

    public IReadOnlyList<int> TaskYears { get; private set; } = [];

    public IReadOnlyList<KeyTaskDto> Tasks { get; private set; } = [];

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        TaskYears = await db.KeyTasks.AsNoTracking().Select(k => k.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        Year = year is { } y and >= 2000 and <= 2100 ? y : TaskYears.Count > 0 ? TaskYears[0] : 2023;
        Tasks = await PlanDocumentQueries.KeyTasksAsync(db, Year, ct);
    }
}

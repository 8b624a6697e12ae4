using PlanPulse.App.Data;
using PlanPulse.Domain.Extraction;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Domain.Tasks;
using PlanPulse.Domain.Text;

namespace PlanPulse.App.Features.Demo;

/// <summary>
/// The demo's key-task list: the seed's quantified 2023 commitments (the plan part, not the project list's own
/// figures), each led by the department the indicator catalogue names, with deadlines, statuses and monthly notes
/// assigned by position, so every colour of <see cref="KeyTaskRules"/> appears as of the demo's last month (November,
/// judged on 6 December): done, overdue, a missing November note, reported lagging, near the year-end deadline, and on
/// track. Deterministic: no random numbers, the same list every load.
/// </summary>
public static class DemoKeyTasks
{
    /// <summary>The day the year's list was approved (the draft plan went to the district congress in February).</summary>
    public static readonly DateOnly AddedOn = new(DemoData.Year, 2, 16);

    public const int MaxTasks = 24;

    /// <summary>Who wrote the demo's notes: an account name, as real notes record them.</summary>
    public const string Writer = "reporter-demo";

    /// <summary>Deadline, status and the last month with a note, by position modulo the length.</summary>
    private static readonly (DateOnly Deadline, KeyTaskStatus Status, int LastNote)[] Patterns =
    [
        (new(2023, 6, 30), KeyTaskStatus.Done, 6),          // done on time: blue
        (new(2023, 9, 30), KeyTaskStatus.InProgress, 11),   // past its deadline, still in progress: red, overdue
        (new(2023, 12, 31), KeyTaskStatus.Done, 11),        // done in November: blue
        (new(2023, 12, 31), KeyTaskStatus.InProgress, 10),  // November's note missing: red
        (new(2024, 6, 30), KeyTaskStatus.InProgress, 11),   // runs into next year: green
        (new(2023, 12, 31), KeyTaskStatus.InProgress, 11),  // year-end within 30 days: yellow
        (new(2024, 12, 31), KeyTaskStatus.NotStarted, 11),  // not started, far deadline: green
        (new(2023, 12, 31), KeyTaskStatus.Lagging, 11),     // the unit reports it behind: red
    ];

    public static List<KeyTask> Build(IReadOnlyList<SeedIndicators.SeedFact> facts, IReadOnlyDictionary<SeedIndicators.SeedFact, Indicator> indicators, IReadOnlyList<Unit> units)
    {
        var departments = units.Where(u => u.Type == UnitType.Department).OrderBy(u => u.SortOrder).ToList();
        var byName = departments.ToDictionary(u => u.Name, StringComparer.Ordinal);
        var drc = departments.First(u => u.Code == "D-DRC");
        var commitments = facts
            .Where(f => f.Kind == "target" && f.Year == DemoData.Year && f.Value is not null && indicators.TryGetValue(f, out var i) && i.Category != SeedIndicators.PlanComposition)
            .GroupBy(f => FactAdoption.IndicatorName(f.Metric), StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(f => f.Start)
            .Take(MaxTasks)
            .ToList();

        var tasks = new List<KeyTask>();
        for (var i = 0; i < commitments.Count; i++)
        {
            var f = commitments[i];
            var named = (indicators[f].ResponsibleUnits ?? "").Split('、', StringSplitOptions.RemoveEmptyEntries)
                .Select(n => byName.GetValueOrDefault(n)).OfType<Unit>().ToList();
            var lead = named.FirstOrDefault() ?? drc;

            // A co-unit besides those the catalogue names: the next department in the table, as lists pair them.
            var co = named.Skip(1).Append(departments[(departments.IndexOf(lead) + 1 + (i % 3)) % departments.Count])
                .Where(u => u != lead).Distinct().Take(2).ToList();
            var (deadline, status, lastNote) = Patterns[i % Patterns.Length];
            var metric = FactAdoption.IndicatorName(f.Metric);
            var task = new KeyTask
            {
                Year = DemoData.Year,
                Text = Chinese.ToSimplified(f.Quote),
                Metric = metric,
                Quantity = f.Value,
                Unit = f.Unit,
                Section = f.Section,
                ResponsibleUnits = string.Join("、", co.Prepend(lead).Select(u => u.Name)),
                LeadUnit = lead,
                SortOrder = i + 1,
                Deadline = deadline,
                Status = status,
                AddedOn = AddedOn,
                CoUnits = co.Select(u => new KeyTaskCoUnit { Unit = u }).ToList(),
            };
            for (var m = AddedOn.Month; m <= lastNote; m++)
            {
                var noteStatus = m == lastNote || status == KeyTaskStatus.NotStarted ? status : m == AddedOn.Month ? KeyTaskStatus.NotStarted : KeyTaskStatus.InProgress;
                task.Progress.Add(new KeyTaskProgress
                {
                    Month = (DemoData.Year * 100) + m,
                    Text = NoteText(metric, f.Value, f.Unit, m, noteStatus),
                    Status = noteStatus,
                    WrittenBy = Writer,

                    // Written on the 3rd of the next month, before the 5th's deadline (UTC; 10:00 in Beijing).
                    WrittenAt = new DateTime(DemoData.Year + (m == 12 ? 1 : 0), (m % 12) + 1, 3, 2, 0, 0, DateTimeKind.Utc),
                });
            }

            tasks.Add(task);
        }

        return tasks;
    }

    private static string NoteText(string metric, decimal? value, string? unit, int month, KeyTaskStatus status)
    {
        var target = value is { } v ? $"{v:0.####}{unit}" : "年度目标";
        return status switch
        {
            KeyTaskStatus.Done => $"{metric}已完成年度目标{target},正在整理佐证材料申请销号。",
            KeyTaskStatus.Lagging => $"{metric}受要素保障影响进度滞后,已提请区领导专题协调,力争下月追回进度。",
            KeyTaskStatus.NotStarted => $"{metric}正在开展前期准备,细化工作方案和责任分工。",
            _ => $"{metric}按计划推进,完成年度目标{target}的约{Math.Min(95, month * 8)}%。",
        };
    }
}

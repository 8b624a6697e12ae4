using Microsoft.EntityFrameworkCore;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Portfolio;
using PlanPulse.Domain.Periods;
using PlanPulse.Domain.Portfolio;

namespace PlanPulse.App.Features.Demo;

/// <summary>
/// The 2023 demo portfolio. Deterministic (fixed seed) and matching every aggregate the seed report publishes:
/// 220 annual major projects, 92 / 48 / 80 per track, total investment 1126 / 702 / 1136 亿元, annual plan
/// 201 / 38 / 93 亿元; 65 特别重大 (60 on the list, 5 still in preparation); 21 民生实事 with 7.7 亿元 for the
/// year; 68 service commissioners one-to-one; a general command and 3 track commands; 19 towns and streets.
/// Monthly reports January–November 2023 with a spread of colours, late and missing reports and problems; the year's
/// key tasks with deadlines, lead and co-units, statuses and monthly notes (<see cref="DemoKeyTasks"/>).
/// </summary>
public static class DemoData
{
    public const int Year = 2023;
    public const int LastReportedMonth = 11;

    /// <summary>Track code, name, projects, total investment and annual plan (万元) as the seed gives them.</summary>
    public static readonly (string Code, string Name, int Projects, decimal Total, decimal Annual)[] Tracks =
    [
        ("new-materials", "具有全球影响力的新材料高地", 92, 11_260_000m, 2_010_000m),
        ("sports-wellness", "世界级运动康养旅游目的地", 48, 7_020_000m, 380_000m),
        ("life-science", "中国长寿生命科学城", 80, 11_360_000m, 930_000m),
    ];

    public const int SpecialMajorTotal = 65;
    public const int SpecialMajorPreparing = 5;
    public const int Commissioners = 68;
    public const int LivelihoodItems = 21;
    public const decimal LivelihoodAnnual = 77_000m;

    // Share of the year's plan per month: slow around the Spring Festival, pushed in the fourth quarter.
    private static readonly decimal[] Season = [6, 6, 8, 8, 9, 9, 8, 8, 9, 9, 10, 10];

    public sealed record Result(int Projects, int Reports, int Problems);

    /// <summary>Loads the demo into an empty (or demo-only) database. Refuses when real data is present unless forced.</summary>
    public static async Task<Result> LoadAsync(AppDbContext db, bool force = false, CancellationToken ct = default)
    {
        // A whole-database job: it must see every row whatever the caller's scope (it only runs on empty or demo data).
        db.ApplyScope(DataScope.Everything);
        var hasData = await db.Projects.AnyAsync(ct);
        var isDemo = await DemoMarker.IsDemoAsync(db, ct);
        if (hasData && !isDemo && !force)
        {
            throw new InvalidOperationException("数据库中已有非演示数据;如确需覆盖,请加 --force");
        }

        if (hasData || isDemo)
        {
            await ClearAsync(db, ct);
        }

        var g = new Generator(new Random(20230216));
        g.Build();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Units.AddRange(g.Units);
        db.People.AddRange(g.People);
        db.Tracks.AddRange(g.TrackRows);
        db.ProjectLists.AddRange(g.Lists);
        db.Projects.AddRange(g.Projects);
        db.AnnualPlans.AddRange(g.Plans);
        db.MonthlyReports.AddRange(g.Reports);
        db.ReachedMilestones.AddRange(g.Reached);
        db.Problems.AddRange(g.ProblemRows);
        var facts = SeedIndicators.LoadFacts();
        var seed = SeedIndicators.Build(facts);
        db.Plans.AddRange(seed.Plans);
        db.Indicators.AddRange(seed.Indicators);
        db.IndicatorTargets.AddRange(seed.Targets);
        db.IndicatorObservations.AddRange(seed.Observations);
        var keyTasks = DemoKeyTasks.Build(facts, seed.FactIndicator, g.Units);
        db.KeyTasks.AddRange(keyTasks);
        db.Settings.Add(new Setting { Key = DemoMarker.Key, Value = $"{Year} 演示数据(按长寿区2023年计划草案的汇总数生成,项目明细为虚构)" });
        db.Settings.Add(new Setting { Key = Site.SiteName.SettingKey, Value = "重庆市长寿区发展和改革委员会(演示)" });
        db.ChangeTracker.DetectChanges();

        // A bulk load is one audited action, not thousands of row entries.
        db.SuppressRowAudit = true;
        db.AuditEntries.Add(new AuditEntry
        {
            At = db.Clock.GetUtcNow().UtcDateTime,
            User = db.AuditUser,
            Client = db.AuditClient,
            Action = "DemoLoaded",
            Entity = "Portfolio",
            Key = Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Changes = $"{{\"projects\":{g.Projects.Count},\"reports\":{g.Reports.Count},\"problems\":{g.ProblemRows.Count},\"indicators\":{seed.Indicators.Count},\"observations\":{seed.Observations.Count},\"keyTasks\":{keyTasks.Count}}}",
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.SuppressRowAudit = false;
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();

        // The plan's list-composition indicators (220个, 2964亿元, a track's projects) come from the portfolio itself.
        await Indicators.PortfolioIndicators.LinkAsync(db, Year, ct);
        for (var m = 1; m <= LastReportedMonth; m++)
        {
            await Indicators.PortfolioIndicators.SyncAsync(db, new YearMonth(Year, m), ct);
        }

        await AddDemoAccountsAsync(db, ct);
        return new Result(g.Projects.Count, g.Reports.Count, g.ProblemRows.Count);
    }

    /// <summary>Password of every demo account (they are marked IsDemo and named in the README).</summary>
    public const string DemoPassword = "PlanPulse2023";

    /// <summary>One demo account per role: user name, role, display name, unit code (person for the commissioner).</summary>
    public static readonly (string User, string Role, string Name, string? Unit)[] DemoAccounts =
    [
        ("admin", Roles.Admin, "系统管理员(演示)", null),
        ("planoffice", Roles.PlanOffice, "区发展改革委计划科(演示)", null),
        ("leader", Roles.Leader, "区领导(演示,只读)", null),
        ("command-nm", Roles.Command, "新材料高地专项指挥部(演示)", "GC-NM"),
        ("reporter-drc", Roles.Reporter, "区发展改革委填报员(演示)", "D-DRC"),
        ("reporter-fengcheng", Roles.Reporter, "凤城街道填报员(演示)", "T01"),
        ("commissioner", Roles.Commissioner, "服务专员(演示)", null),
    ];

    private static async Task AddDemoAccountsAsync(AppDbContext db, CancellationToken ct)
    {
        var firstCommissioner = await db.Projects.Where(p => p.CommissionerId != null).OrderBy(p => p.Code).Select(p => p.CommissionerId).FirstAsync(ct);
        foreach (var (user, role, name, unit) in DemoAccounts)
        {
            if (await db.Users.AnyAsync(u => u.NormalizedUserName == Accounts.Accounts.Normalize(user), ct))
            {
                continue;
            }

            await Accounts.Accounts.CreateAsync(db, user, role, DemoPassword, name, unit, role == Roles.Commissioner ? firstCommissioner : null, isDemo: true, ct: ct);
        }
    }

    public static async Task ClearAsync(AppDbContext db, CancellationToken ct)
    {
        var demoUsers = db.Users.Where(u => u.IsDemo).Select(u => u.Id);
        await db.ApiTokens.Where(t => demoUsers.Contains(t.UserId)).ExecuteDeleteAsync(ct);
        await db.UserRoles.Where(r => demoUsers.Contains(r.UserId)).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.IsDemo).ExecuteDeleteAsync(ct);

        // Children first; ExecuteDelete is one statement per table on both databases.
        await db.KeyTaskProgress.ExecuteDeleteAsync(ct);
        await db.KeyTaskCoUnits.ExecuteDeleteAsync(ct);
        await db.ProposedTasks.Where(t => t.KeyTaskId != null).ExecuteUpdateAsync(u => u.SetProperty(t => t.KeyTaskId, (int?)null), ct);
        await db.KeyTasks.ExecuteDeleteAsync(ct);
        await db.IndicatorObservations.ExecuteDeleteAsync(ct);
        await db.IndicatorTargets.ExecuteDeleteAsync(ct);
        await db.Indicators.ExecuteDeleteAsync(ct);
        await db.Plans.ExecuteDeleteAsync(ct);
        await db.Problems.ExecuteDeleteAsync(ct);
        await db.ReachedMilestones.ExecuteDeleteAsync(ct);
        await db.MonthlyReports.ExecuteDeleteAsync(ct);
        await db.PlannedMilestones.ExecuteDeleteAsync(ct);
        await db.AnnualPlans.ExecuteDeleteAsync(ct);
        await db.ProjectListEntries.ExecuteDeleteAsync(ct);
        await db.ProjectLists.ExecuteDeleteAsync(ct);
        await db.Projects.ExecuteDeleteAsync(ct);
        await db.Tracks.ExecuteDeleteAsync(ct);
        await db.People.ExecuteDeleteAsync(ct);
        await db.Units.Where(u => u.ParentId != null).ExecuteDeleteAsync(ct);
        await db.Units.ExecuteDeleteAsync(ct);
        await db.Settings.Where(s => s.Key == DemoMarker.Key || s.Key == Site.SiteName.SettingKey).ExecuteDeleteAsync(ct);
    }

    /// <summary>Splits <paramref name="total"/> into whole 万元 in proportion to weights; the sum is exact.</summary>
    public static decimal[] Split(decimal total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var parts = weights.Select(w => Math.Floor(total * (decimal)(w / sum))).ToArray();
        var rest = total - parts.Sum();
        var order = Enumerable.Range(0, parts.Length).OrderByDescending(i => weights[i]).ToArray();
        for (var k = 0; rest > 0; k = (k + 1) % parts.Length)
        {
            var step = Math.Min(1m, rest);
            parts[order[k]] += step;
            rest -= step;
        }

        return parts;
    }

    private sealed class Generator(Random rng)
    {
        public List<Unit> Units { get; } = [];

        public List<Person> People { get; } = [];

        public List<Track> TrackRows { get; } = [];

        public List<ProjectList> Lists { get; } = [];

        public List<Project> Projects { get; } = [];

        public List<AnnualPlan> Plans { get; } = [];

        public List<MonthlyReport> Reports { get; } = [];

        public List<ReachedMilestone> Reached { get; } = [];

        public List<Problem> ProblemRows { get; } = [];

        private readonly List<Unit> _towns = [];
        private readonly List<Unit> _departments = [];
        private readonly List<Unit> _owners = [];
        private readonly List<Unit> _commands = [];
        private readonly List<Person> _leads = [];
        private readonly List<Person> _commissioners = [];

        public void Build()
        {
            BuildUnits();
            BuildPeople();
            var annual = List("annual-major", "年度重大建设项目", 1);
            var special = List("special-major", "特别重大项目", 2);
            var city = List("city-major", "市级重大建设项目", 3);
            var chuanyu = List("chuanyu", "川渝共建重大项目", 4);
            var livelihood = List("livelihood", "重点民生实事", 5);

            var annualProjects = new List<Project>();
            for (var t = 0; t < Tracks.Length; t++)
            {
                var spec = Tracks[t];
                var track = new Track { Year = Year, Code = spec.Code, Name = spec.Name, Command = _commands[t + 1], SortOrder = t + 1 };
                TrackRows.Add(track);
                annualProjects.AddRange(BuildTrack(t, track, spec.Projects, spec.Total, spec.Annual));
            }

            foreach (var p in annualProjects)
            {
                Add(annual, p);
            }

            // 特别重大: the 60 largest on the list, and 5 more still being prepared (not on this year's list).
            var biggest = annualProjects.OrderByDescending(p => p.TotalInvestment).Take(SpecialMajorTotal - SpecialMajorPreparing).ToList();
            foreach (var p in biggest)
            {
                Add(special, p);
            }

            for (var i = 0; i < SpecialMajorPreparing; i++)
            {
                var p = NewProject($"SM{i + 1:00}", $"{DemoNames.Places[i]}片区综合开发项目(前期)", TrackRows[i % 3], Phase.Preparation, 800_000m + (i * 150_000m));
                p.Content = "特别重大项目储备,正开展可研及用地预审";
                p.PlannedStart = new DateOnly(Year + 1, 3, 1);
                Add(special, p);
                PlanFor(p, 0m, null, []);
            }

            // One commissioner, one project: the 特别重大 projects first, then three more.
            var served = special.Entries.Select(e => e.Project!).Concat(annualProjects.Where(p => !biggest.Contains(p)).OrderByDescending(p => p.TotalInvestment).Take(Commissioners - SpecialMajorTotal)).ToList();
            for (var i = 0; i < served.Count; i++)
            {
                served[i].Commissioner = _commissioners[i];
            }

            foreach (var p in annualProjects.Where((_, i) => i % 7 == 3).Take(30))
            {
                Add(city, p);
            }

            foreach (var p in annualProjects.Where(p => p.Track == TrackRows[0] || p.Track == TrackRows[1]).Where((_, i) => i % 19 == 5).Take(6))
            {
                Add(chuanyu, p);
            }

            BuildLivelihood(livelihood);
            foreach (var p in annualProjects)
            {
                BuildReports(p);
            }

            foreach (var e in livelihood.Entries)
            {
                BuildReports(e.Project!);
            }

            BuildProblems(annualProjects);
        }

        private ProjectList List(string code, string name, int order)
        {
            var l = new ProjectList { Year = Year, Code = code, Name = name, SortOrder = order };
            Lists.Add(l);
            return l;
        }

        private static void Add(ProjectList list, Project p) => list.Entries.Add(new ProjectListEntry { ProjectList = list, Project = p });

        private void BuildUnits()
        {
            var gc = Unit("GC", "“3113”项目攻坚总指挥部", UnitType.Command, null, 0);
            _commands.Add(gc);
            _commands.Add(Unit("GC-NM", "新材料高地专项指挥部", UnitType.Command, gc, 1));
            _commands.Add(Unit("GC-SW", "运动康养旅游目的地专项指挥部", UnitType.Command, gc, 2));
            _commands.Add(Unit("GC-LS", "生命科学城专项指挥部", UnitType.Command, gc, 3));
            for (var i = 0; i < DemoNames.Departments.Length; i++)
            {
                var (code, name) = DemoNames.Departments[i];
                _departments.Add(Unit($"D-{code}", name, UnitType.Department, null, i + 1));
            }

            for (var i = 0; i < DemoNames.Towns.Length; i++)
            {
                _towns.Add(Unit($"T{i + 1:00}", DemoNames.Towns[i], UnitType.Town, null, i + 1));
            }

            for (var i = 0; i < DemoNames.Owners.Length; i++)
            {
                _owners.Add(Unit($"O{i + 1:00}", DemoNames.Owners[i], UnitType.Owner, null, i + 1));
            }
        }

        private Unit Unit(string code, string name, UnitType type, Unit? parent, int order)
        {
            var u = new Unit { Code = code, Name = name, Type = type, Parent = parent, SortOrder = order, Path = (parent?.Path ?? "/") + code + "/" };
            Units.Add(u);
            return u;
        }

        private void BuildPeople()
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            string NewName()
            {
                while (true)
                {
                    var n = DemoNames.Surnames[rng.Next(DemoNames.Surnames.Length)] + DemoNames.GivenNames[rng.Next(DemoNames.GivenNames.Length)]
                        + (rng.Next(2) == 0 ? DemoNames.GivenNames[rng.Next(DemoNames.GivenNames.Length)] : string.Empty);
                    if (used.Add(n))
                    {
                        return n;
                    }
                }
            }

            string[] titles = ["区委常委、常务副区长", "副区长", "副区长", "副区长", "区人大常委会副主任", "区政协副主席"];
            for (var i = 0; i < 12; i++)
            {
                var p = new Person { Code = $"L{i + 1:000}", Name = NewName(), Role = PersonRole.LeadOfficial, Title = titles[i % titles.Length] };
                _leads.Add(p);
                People.Add(p);
            }

            for (var i = 0; i < Commissioners; i++)
            {
                var unit = _departments[i % _departments.Count];
                var p = new Person { Code = $"C{i + 1:000}", Name = NewName(), Role = PersonRole.ServiceCommissioner, Title = "服务专员", Unit = unit };
                _commissioners.Add(p);
                People.Add(p);
            }
        }

        private List<Project> BuildTrack(int t, Track track, int count, decimal total, decimal annual)
        {
            var (named, words, prefix) = t switch
            {
                0 => (DemoNames.NewMaterialsNamed, DemoNames.NewMaterialsWords, "NM"),
                1 => (DemoNames.TourismNamed, DemoNames.TourismWords, "SW"),
                _ => (DemoNames.LifeScienceNamed, DemoNames.LifeScienceWords, "LS"),
            };

            var names = new List<string>(named);
            var k = 0;
            while (names.Count < count)
            {
                var place = DemoNames.Places[k % DemoNames.Places.Length];
                var word = words[(k / DemoNames.Places.Length + k) % words.Length];
                var name = $"{place}{word}项目";
                if (!names.Contains(name))
                {
                    names.Add(name);
                }

                k++;
            }

            // Named projects are the big ones; the weights are heavy-tailed, as real portfolios are.
            var weights = Enumerable.Range(0, count).Select(i => Math.Exp(Normal() * 0.9) * (i < named.Length ? 3.0 : 1.0)).ToList();
            var totals = Split(total, weights);
            var annualWeights = Enumerable.Range(0, count).Select(i => (double)totals[i] * (0.4 + rng.NextDouble())).ToList();
            var annuals = Split(annual, annualWeights);

            var result = new List<Project>(count);
            for (var i = 0; i < count; i++)
            {
                var roll = rng.NextDouble();
                var phase = roll < 0.38 ? Phase.NewStart : roll < 0.85 ? Phase.Continuing : roll < 0.95 ? Phase.Completion : Phase.Operation;
                var p = NewProject($"{prefix}{i + 1:000}", names[i], track, phase, totals[i]);
                p.Command = _commands[t + 1];
                result.Add(p);

                var startMonth = phase == Phase.NewStart ? 1 + rng.Next(7) : 0;
                p.PlannedStart = phase == Phase.NewStart
                    ? new DateOnly(Year, startMonth, 1)
                    : new DateOnly(Year - 1 - rng.Next(2), 1 + rng.Next(12), 1);
                p.PlannedFinish = new DateOnly(Year + (phase is Phase.Completion or Phase.Operation ? 0 : 1 + rng.Next(3)), 1 + rng.Next(12), 28);
                var milestones = new List<PlannedMilestone>();
                if (phase == Phase.NewStart)
                {
                    milestones.Add(new PlannedMilestone { Kind = MilestoneKind.Start, DueMonth = new YearMonth(Year, startMonth).Id });
                    milestones.Add(new PlannedMilestone { Kind = MilestoneKind.Registered, DueMonth = new YearMonth(Year, Math.Min(12, startMonth + 1)).Id });
                }
                else
                {
                    var started = YearMonth.FromDate(p.PlannedStart.Value);
                    Reached.Add(new ReachedMilestone { Project = p, Kind = MilestoneKind.Start, Month = started.Id, RecordedAt = Utc(started.AddMonths(1), 3) });
                    Reached.Add(new ReachedMilestone { Project = p, Kind = MilestoneKind.Registered, Month = started.AddMonths(1).Id, RecordedAt = Utc(started.AddMonths(2), 3) });
                }

                if (phase == Phase.Continuing && rng.NextDouble() < 0.4)
                {
                    milestones.Add(new PlannedMilestone { Kind = MilestoneKind.MainStructure, DueMonth = new YearMonth(Year, 4 + rng.Next(8)).Id });
                }

                if (phase is Phase.Completion or Phase.Operation)
                {
                    milestones.Add(new PlannedMilestone { Kind = MilestoneKind.Completion, DueMonth = new YearMonth(Year, 5 + rng.Next(7)).Id });
                }

                if (phase == Phase.Operation)
                {
                    milestones.Add(new PlannedMilestone { Kind = MilestoneKind.Operation, DueMonth = new YearMonth(Year, 10 + rng.Next(3)).Id });
                }

                PlanFor(p, annuals[i], startMonth == 0 ? null : startMonth, milestones);
            }

            return result;
        }

        private Project NewProject(string code, string name, Track? track, Phase phase, decimal total)
        {
            var town = _towns[rng.Next(_towns.Count)];
            var responsible = rng.NextDouble() < 0.25 ? town : _departments[rng.Next(_departments.Count)];
            var p = new Project
            {
                Code = $"CS{Year}-{code}",
                Name = name,
                Content = $"{name}:新建/改扩建主体工程及配套设施(演示数据)",
                Track = track,
                Phase = phase,
                Town = town,
                Owner = _owners[rng.Next(_owners.Count)],
                ResponsibleUnit = responsible,
                LeadOfficial = _leads[rng.Next(_leads.Count)],
                Command = track is null ? _commands[0] : _commands[TrackRows.IndexOf(track) + 1],
                TotalInvestment = total,
                IsDemo = true,
            };
            SplitFunding(p);
            Projects.Add(p);
            return p;
        }

        private void SplitFunding(Project p)
        {
            var w = new[] { rng.NextDouble() * 0.1, rng.NextDouble() * 0.25, rng.NextDouble() * 0.4, 0.3 + rng.NextDouble() * 0.4, rng.NextDouble() * 0.05 };
            var parts = Split(p.TotalInvestment, w);
            (p.FundCentralBudget, p.FundSpecialBonds, p.FundBankLoans, p.FundSelfRaised, p.FundOther) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        }

        private void PlanFor(Project p, decimal annual, int? startMonth, List<PlannedMilestone> milestones)
        {
            decimal[]? curve = null;
            if (annual > 0)
            {
                var first = startMonth ?? 1;
                var weights = Enumerable.Range(1, 12).Select(m => m < first ? 0.0 : (double)Season[m - 1]).ToList();
                var monthly = Split(annual, weights);
                curve = new decimal[12];
                decimal run = 0;
                for (var m = 0; m < 12; m++)
                {
                    run += monthly[m];
                    curve[m] = run;
                }
            }

            Plans.Add(new AnnualPlan
            {
                Project = p,
                Year = Year,
                PlannedInvestment = annual,
                CompletedBeforeYear = p.Phase == Phase.NewStart ? 0 : Math.Round(p.TotalInvestment * (decimal)(0.1 + (rng.NextDouble() * 0.5))),
                MonthlyCumulative = curve,
                Milestones = milestones,
            });
        }

        private void BuildLivelihood(ProjectList livelihood)
        {
            var weights = Enumerable.Range(0, LivelihoodItems).Select(_ => 0.5 + rng.NextDouble()).ToList();
            var annuals = Split(LivelihoodAnnual, weights);
            for (var i = 0; i < LivelihoodItems; i++)
            {
                var p = NewProject($"MS{i + 1:00}", DemoNames.Livelihood[i], TrackRows[2], i % 3 == 0 ? Phase.NewStart : Phase.Continuing, annuals[i] * 2);
                p.Content = $"2023年重点民生实事:{DemoNames.Livelihood[i]}(演示数据)";
                p.PlannedStart = p.Phase == Phase.NewStart ? new DateOnly(Year, 3 + (i % 4), 1) : new DateOnly(Year - 1, 9, 1);
                if (p.Phase != Phase.NewStart)
                {
                    var started = new YearMonth(Year - 1, 9);
                    Reached.Add(new ReachedMilestone { Project = p, Kind = MilestoneKind.Start, Month = started.Id, RecordedAt = Utc(started.AddMonths(1), 3) });
                    Reached.Add(new ReachedMilestone { Project = p, Kind = MilestoneKind.Registered, Month = started.AddMonths(1).Id, RecordedAt = Utc(started.AddMonths(2), 3) });
                }

                var ms = p.Phase == Phase.NewStart
                    ? new List<PlannedMilestone> { new() { Kind = MilestoneKind.Start, DueMonth = YearMonth.FromDate(p.PlannedStart.Value).Id } }
                    : [new() { Kind = MilestoneKind.Completion, DueMonth = new YearMonth(Year, 12).Id }];
                PlanFor(p, annuals[i], p.Phase == Phase.NewStart ? p.PlannedStart.Value.Month : null, ms);
                Add(livelihood, p);
            }
        }

        private void BuildReports(Project p)
        {
            var plan = Plans.First(x => x.Project == p);
            var track = TrackRows.IndexOf(p.Track!);

            // Each project has a character: most keep pace, some lag, a few race ahead (over 100% by autumn).
            var pace = track switch { 0 => 1.15, 1 => 0.98, _ => 1.08 } * (0.75 + (rng.NextDouble() * 0.6));
            if (rng.NextDouble() < 0.06)
            {
                pace *= 1.6;
            }

            // New starts: most start on time, some late, a few not at all this year.
            YearMonth? start = null;
            if (p.Phase == Phase.NewStart && p.PlannedStart is { } ps)
            {
                var delay = rng.NextDouble() switch { < 0.7 => 0, < 0.85 => 1 + rng.Next(2), < 0.95 => 3 + rng.Next(3), _ => 99 };
                var s = YearMonth.FromDate(ps).AddMonths(delay);
                if (delay < 99 && s.Year == Year && s.Month <= LastReportedMonth)
                {
                    start = s;
                    Reached.Add(new ReachedMilestone { Project = p, Kind = MilestoneKind.Start, Month = s.Id, RecordedAt = Utc(s.AddMonths(1), 3) });
                    var regDelay = rng.NextDouble() switch { < 0.8 => 1, < 0.92 => 2, _ => 4 };
                    var reg = s.AddMonths(regDelay);
                    if (reg.Year == Year && reg.Month <= LastReportedMonth)
                    {
                        Reached.Add(new ReachedMilestone { Project = p, Kind = MilestoneKind.Registered, Month = reg.Id, RecordedAt = Utc(reg.AddMonths(1), 3) });
                    }
                }
            }

            foreach (var ms in plan.Milestones.Where(m => m.Kind is MilestoneKind.MainStructure or MilestoneKind.Completion or MilestoneKind.Operation))
            {
                var due = YearMonth.FromId(ms.DueMonth);
                var at = due.AddMonths(rng.NextDouble() < 0.75 ? 0 : 1 + rng.Next(3));
                if (at.Month <= LastReportedMonth && at.Year == Year)
                {
                    Reached.Add(new ReachedMilestone { Project = p, Kind = ms.Kind, Month = at.Id, RecordedAt = Utc(at.AddMonths(1), 3) });
                }
            }

            var carry = 0m;
            var lateProne = rng.NextDouble() < 0.08;
            for (var m = 1; m <= LastReportedMonth; m++)
            {
                var month = new YearMonth(Year, m);
                var plannedMonth = plan.MonthlyCumulative is { } c ? c[m - 1] - (m > 1 ? c[m - 2] : 0) : 0m;
                var notStarted = p.Phase == Phase.NewStart && (start is null || month < start.Value);
                var amount = notStarted ? 0m : Math.Round(plannedMonth * (decimal)(pace * (0.7 + (rng.NextDouble() * 0.6))), 2);

                // A missing report: its amount arrives with the next month's report.
                var missing = rng.NextDouble() < (m == LastReportedMonth ? 0.04 : 0.012);
                if (missing)
                {
                    carry += amount;
                    continue;
                }

                amount += carry;
                carry = 0;
                var late = rng.NextDouble() < (lateProne ? 0.3 : 0.02);
                var day = late ? 6 + rng.Next(4) : 1 + rng.Next(5);
                var report = new MonthlyReport
                {
                    Project = p,
                    Month = month.Id,
                    Amount = amount,
                    Progress = notStarted ? "前期手续办理中,尚未开工" : ProgressText(p, m),
                    Status = m < LastReportedMonth ? ReportStatus.Approved : ReportStatus.Submitted,
                    SubmittedBy = "demo",
                    SubmittedAt = Utc(month.AddMonths(1), day),
                };
                Reports.Add(report);
            }

            // One correction: a figure reported twice in April is taken back in May, with its note.
            if (p.Code.EndsWith("-NM007", StringComparison.Ordinal))
            {
                var may = Reports.Last(r => r.Project == p && r.Month == new YearMonth(Year, 5).Id);
                may.Amount = -1500m;
                may.CorrectionNote = "统计口径调整:核减4月重复填报的设备购置投资";
            }
        }

        private string ProgressText(Project p, int m)
        {
            string[] texts =
            [
                "主体结构施工中", "完成基础施工,开始主体施工", "厂房钢结构吊装", "设备安装调试", "场平及土石方施工",
                "道路路基施工", "管网敷设", "装饰装修施工", "室外配套工程施工", "桩基施工",
            ];
            return $"{m}月:{texts[(p.Code.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % texts.Length]}";
        }

        private void BuildProblems(List<Project> projects)
        {
            var categories = new[] { ProblemCategory.Land, ProblemCategory.Environment, ProblemCategory.Funding, ProblemCategory.Approval, ProblemCategory.Relocation };
            for (var i = 0; i < 36; i++)
            {
                var p = projects[rng.Next(projects.Count)];
                var raised = new YearMonth(Year, 1 + rng.Next(LastReportedMonth));
                var textIndex = rng.Next(DemoNames.ProblemTexts.Length);
                var category = textIndex < 5 ? categories[textIndex] : categories[rng.Next(categories.Length)];
                var level = rng.NextDouble() switch { < 0.5 => EscalationLevel.Unit, < 0.85 => EscalationLevel.TrackCommand, _ => EscalationLevel.GeneralCommand };
                var deadline = raised.AddMonths(1 + rng.Next(2)).LastDay;
                var outcome = rng.NextDouble();
                DateOnly? resolved = outcome < 0.6 ? deadline.AddDays(-rng.Next(20)) : outcome < 0.8 ? deadline.AddDays(5 + rng.Next(30)) : null;
                if (resolved is { } r && r > new YearMonth(Year, LastReportedMonth).LastDay)
                {
                    resolved = null;
                }

                ProblemRows.Add(new Problem
                {
                    Project = p,
                    Description = DemoNames.ProblemTexts[textIndex],
                    Category = category,
                    Level = level,
                    OwnerUnit = level == EscalationLevel.Unit ? p.ResponsibleUnit! : level == EscalationLevel.TrackCommand ? p.Command! : _commands[0],
                    RaisedMonth = raised.Id,
                    Deadline = deadline,
                    Status = resolved is null ? ProblemStatus.Open : ProblemStatus.Resolved,
                    ResolvedOn = resolved,
                    Resolution = resolved is null ? null : "经指挥部协调,相关部门已办结",
                });
            }
        }

        private double Normal()
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        /// <summary>A Beijing-time working hour on <paramref name="day"/> of the month, as UTC.</summary>
        private DateTime Utc(YearMonth month, int day)
        {
            var hour = 9 + rng.Next(8);
            return new DateTime(month.Year, month.Month, Math.Min(day, 28), hour, rng.Next(60), 0, DateTimeKind.Utc) - ReportingCalendar.ChinaOffset;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PlanPulse.App.Data;

/// <summary>
/// The one DbContext. Each database has a thin subclass so each keeps its own migration set
/// (see docs/decisions/ADR-002-two-migration-sets.md); features use this base type directly, no repositories.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser, AppRole, int>, IDataProtectionKeyContext
{
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    private DataScope _scope = DataScope.Everything;
    private string _auditUser = "system";
    private string? _auditClient;

    /// <summary>
    /// Where a web request's scope and user come from. Read lazily, at each query and save, because the
    /// context may be created before authentication has run (the token handler itself uses it).
    /// </summary>
    public IRequestActor? Actor { get; set; }

    /// <summary>
    /// The data scope, enforced once as query filters on projects and everything hanging off them. A context made
    /// outside a request (CLI, jobs, start-up) sees everything; a request's context sees the signed-in user's scope.
    /// </summary>
    public DataScope Scope => Actor?.Scope ?? _scope;

    public bool ScopeAll => Scope.All;

    /// <summary>Unit path prefix ("/GC/GC-NM/"): projects whose responsible unit, command or town lies under it.</summary>
    public string? ScopeUnitPath => Scope.UnitPath;

    /// <summary>A service commissioner's person id: the projects they serve.</summary>
    public int? ScopePersonId => Scope.PersonId;

    /// <summary>Who is changing data, for the audit trail.</summary>
    public string AuditUser
    {
        get => Actor?.UserName ?? _auditUser;
        set => _auditUser = value;
    }

    /// <summary>From which client (IP and user agent, or "cli").</summary>
    public string? AuditClient
    {
        get => Actor?.Client ?? _auditClient;
        set => _auditClient = value;
    }

    /// <summary>Bulk loads (demo, benchmarks) record one summary entry instead of one per row.</summary>
    public bool SuppressRowAudit { get; set; }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Fixes the scope explicitly (jobs and the CLI opt out of the request's scope this way).</summary>
    public void ApplyScope(DataScope scope)
    {
        Actor = null;
        _scope = scope;
    }

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Track> Tracks => Set<Track>();

    public DbSet<ProjectList> ProjectLists => Set<ProjectList>();

    public DbSet<ProjectListEntry> ProjectListEntries => Set<ProjectListEntry>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<AnnualPlan> AnnualPlans => Set<AnnualPlan>();

    public DbSet<PlannedMilestone> PlannedMilestones => Set<PlannedMilestone>();

    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();

    public DbSet<ReachedMilestone> ReachedMilestones => Set<ReachedMilestone>();

    public DbSet<Problem> Problems => Set<Problem>();

    public DbSet<RuleSetRecord> RuleSets => Set<RuleSetRecord>();

    public DbSet<Setting> Settings => Set<Setting>();

    public DbSet<MonthLock> MonthLocks => Set<MonthLock>();

    public DbSet<DevelopmentPlan> Plans => Set<DevelopmentPlan>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();

    public DbSet<IndicatorObservation> IndicatorObservations => Set<IndicatorObservation>();

    public DbSet<PlanDocument> PlanDocuments => Set<PlanDocument>();

    public DbSet<ProposedFact> ProposedFacts => Set<ProposedFact>();

    public DbSet<ProposedTask> ProposedTasks => Set<ProposedTask>();

    public DbSet<KeyTask> KeyTasks => Set<KeyTask>();

    public DbSet<KeyTaskCoUnit> KeyTaskCoUnits => Set<KeyTaskCoUnit>();

    public DbSet<KeyTaskProgress> KeyTaskProgress => Set<KeyTaskProgress>();

    public DbSet<PendingUpload> PendingUploads => Set<PendingUpload>();

    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    /// <summary>Synchronous save, used by Data Protection's key store; same audit behaviour as the async one.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        var pending = SuppressRowAudit ? [] : Audit.Capture(ChangeTracker);
        if (pending.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var result = base.SaveChanges(acceptAllChangesOnSuccess);
        var at = Clock.GetUtcNow().UtcDateTime;
        AuditEntries.AddRange(pending.Select(p => p.ToEntry(at, AuditUser, AuditClient)));
        base.SaveChanges(acceptAllChangesOnSuccess);
        own?.Commit();
        return result;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var pending = SuppressRowAudit ? [] : Audit.Capture(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit rows need the keys of inserted rows, so save twice inside one transaction.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var at = Clock.GetUtcNow().UtcDateTime;
            AuditEntries.AddRange(pending.Select(p => p.ToEntry(at, AuditUser, AuditClient)));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Optimistic concurrency that works the same on SQLite and PostgreSQL: the version read is the
    /// concurrency token (the UPDATE's WHERE), the version written is one more.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ApiToken>(e =>
        {
            e.HasIndex(x => x.Hash).IsUnique();
            e.Property(x => x.Hash).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => new { x.Entity, x.Key });
            e.HasIndex(x => x.At);
            e.Property(x => x.User).HasMaxLength(100);
            e.Property(x => x.Client).HasMaxLength(400);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.Entity).HasMaxLength(100);
            e.Property(x => x.Key).HasMaxLength(100);
        });

        // Data scope: one definition of "visible project", applied to projects and to every table that hangs off one.
        b.Entity<Project>().HasQueryFilter(p => ScopeAll
            || (ScopeUnitPath != null && (p.ResponsibleUnit!.Path.StartsWith(ScopeUnitPath)
                || (p.Command != null && p.Command.Path.StartsWith(ScopeUnitPath))
                || (p.Town != null && p.Town.Path.StartsWith(ScopeUnitPath))))
            || (ScopePersonId != null && p.CommissionerId == ScopePersonId));
        b.Entity<ProjectListEntry>().HasQueryFilter(x => ScopeAll || Projects.Any(p => p.Id == x.ProjectId));
        b.Entity<AnnualPlan>().HasQueryFilter(x => ScopeAll || Projects.Any(p => p.Id == x.ProjectId));
        b.Entity<MonthlyReport>().HasQueryFilter(x => ScopeAll || Projects.Any(p => p.Id == x.ProjectId));
        b.Entity<ReachedMilestone>().HasQueryFilter(x => ScopeAll || Projects.Any(p => p.Id == x.ProjectId));
        b.Entity<Problem>().HasQueryFilter(x => ScopeAll || Projects.Any(p => p.Id == x.ProjectId));

        b.Entity<Unit>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.Path);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Path).HasMaxLength(400);
            e.Property(x => x.ContactName).HasMaxLength(100);
            e.Property(x => x.ContactPhone).HasMaxLength(50);
            e.Property(x => x.FormerNames).HasMaxLength(1000);
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Person>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Phone).HasMaxLength(50);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Track>(e =>
        {
            e.HasIndex(x => new { x.Year, x.Code }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Colour).HasMaxLength(16);
            e.HasOne(x => x.Command).WithMany().HasForeignKey(x => x.CommandId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ProjectList>(e =>
        {
            e.HasIndex(x => new { x.Year, x.Code }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Colour).HasMaxLength(16);
        });

        b.Entity<ProjectListEntry>(e =>
        {
            e.HasKey(x => new { x.ProjectListId, x.ProjectId });
            e.HasIndex(x => x.ProjectId);
            e.HasOne(x => x.ProjectList).WithMany(x => x.Entries).HasForeignKey(x => x.ProjectListId);
            e.HasOne(x => x.Project).WithMany(x => x.Lists).HasForeignKey(x => x.ProjectId);
        });

        b.Entity<Project>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.ResponsibleUnitId);
            e.HasIndex(x => x.TrackId);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Content).HasMaxLength(4000);
            e.Property(x => x.ClosedReason).HasMaxLength(1000);
            e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Town).WithMany().HasForeignKey(x => x.TownId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ResponsibleUnit).WithMany().HasForeignKey(x => x.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Command).WithMany().HasForeignKey(x => x.CommandId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.LeadOfficial).WithMany().HasForeignKey(x => x.LeadOfficialId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Commissioner).WithMany().HasForeignKey(x => x.CommissionerId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<AnnualPlan>(e =>
        {
            e.HasIndex(x => new { x.ProjectId, x.Year }).IsUnique();
            e.HasIndex(x => x.Year);
            e.HasOne<Track>().WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId);
            e.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.AnnualPlanId);
            e.Property(x => x.MonthlyCumulative)
                .HasConversion(new ValueConverter<decimal[]?, string?>(
                    v => v == null ? null : string.Join(";", v.Select(d => d.ToString(CultureInfo.InvariantCulture))),
                    s => s == null ? null : s.Split(';', StringSplitOptions.None).Select(x => decimal.Parse(x, CultureInfo.InvariantCulture)).ToArray()))
                .Metadata.SetValueComparer(new ValueComparer<decimal[]?>(
                    (a, c) => a == null ? c == null : c != null && a.SequenceEqual(c),
                    v => v == null ? 0 : v.Aggregate(17, (h, d) => (h * 31) + d.GetHashCode()),
                    v => v == null ? null : v.ToArray()));
        });

        b.Entity<MonthlyReport>(e =>
        {
            e.HasIndex(x => new { x.ProjectId, x.Month }).IsUnique();
            e.HasIndex(x => x.Month);
            e.Property(x => x.Progress).HasMaxLength(4000);
            e.Property(x => x.CorrectionNote).HasMaxLength(1000);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.Property(x => x.ReviewedBy).HasMaxLength(100);
            e.Property(x => x.ReturnReason).HasMaxLength(1000);
            e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId);
        });

        b.Entity<ReachedMilestone>(e =>
        {
            e.HasIndex(x => new { x.ProjectId, x.Kind }).IsUnique();
            e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId);
        });

        b.Entity<Problem>(e =>
        {
            e.HasIndex(x => x.ProjectId);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Resolution).HasMaxLength(4000);
            e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId);
            e.HasOne(x => x.OwnerUnit).WithMany().HasForeignKey(x => x.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<RuleSetRecord>(e =>
        {
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
        });

        b.Entity<MonthLock>(e =>
        {
            e.HasKey(x => x.Month);
            e.Property(x => x.Month).ValueGeneratedNever();
            e.Property(x => x.LockedBy).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(1000);
        });

        b.Entity<DevelopmentPlan>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
        });

        b.Entity<Indicator>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(32);
            e.Property(x => x.Category).HasMaxLength(64);
            e.Property(x => x.ResponsibleUnits).HasMaxLength(400);
            e.Property(x => x.MeasureList).HasMaxLength(64);
            e.Property(x => x.MeasureTrack).HasMaxLength(64);
        });

        b.Entity<IndicatorTarget>(e =>
        {
            e.HasIndex(x => new { x.PlanId, x.IndicatorId, x.Year, x.Region }).IsUnique();
            e.Property(x => x.Region).HasMaxLength(64);
            e.Property(x => x.SourceQuote).HasMaxLength(2000);
            e.HasOne(x => x.Plan).WithMany().HasForeignKey(x => x.PlanId);
            e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId);
        });

        b.Entity<IndicatorObservation>(e =>
        {
            e.HasIndex(x => new { x.IndicatorId, x.Region, x.Period }).IsUnique();

            // Every evaluation reads one area's (or every area's) figures of a year up to a month.
            e.HasIndex(x => new { x.Region, x.EndMonth });
            e.Property(x => x.Region).HasMaxLength(64);
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Source).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.SourceQuote).HasMaxLength(2000);
            e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId);
        });

        b.Entity<SignInFailure>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(300);
        });

        b.Entity<PendingUpload>(e =>
        {
            e.HasIndex(x => x.Token).IsUnique();
            e.HasIndex(x => x.UploadedAt);
            e.Property(x => x.Token).HasMaxLength(32);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.FileName).HasMaxLength(260);
        });

        b.Entity<PlanDocument>(e =>
        {
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
        });

        b.Entity<ProposedFact>(e =>
        {
            e.HasIndex(x => new { x.DocumentId, x.Ordinal }).IsUnique();
            e.Property(x => x.Metric).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Qualifier).HasMaxLength(16);
            e.Property(x => x.Quote).HasMaxLength(2000);
            e.Property(x => x.Section).HasMaxLength(100);
            e.Property(x => x.ReviewedBy).HasMaxLength(100);
            e.Property(x => x.RejectReason).HasMaxLength(500);
            e.HasOne(x => x.Document).WithMany(d => d.Facts).HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ProposedTask>(e =>
        {
            e.HasIndex(x => new { x.DocumentId, x.Ordinal }).IsUnique();
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Metric).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(32);
            e.Property(x => x.Section).HasMaxLength(100);
            e.Property(x => x.SubjectUnits).HasMaxLength(500);
            e.Property(x => x.ReviewedBy).HasMaxLength(100);
            e.HasOne(x => x.Document).WithMany(d => d.Tasks).HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<KeyTask>().WithMany().HasForeignKey(x => x.KeyTaskId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<KeyTask>(e =>
        {
            e.HasIndex(x => new { x.Year, x.SortOrder });
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.Metric).HasMaxLength(200);
            e.Property(x => x.Unit).HasMaxLength(32);
            e.Property(x => x.Section).HasMaxLength(100);
            e.Property(x => x.ResponsibleUnits).HasMaxLength(500);
            e.HasOne(x => x.LeadUnit).WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.SourceDocument).WithMany().HasForeignKey(x => x.SourceDocumentId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => x.LeadUnitId);
            e.HasMany(x => x.CoUnits).WithOne(x => x.KeyTask).HasForeignKey(x => x.KeyTaskId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Progress).WithOne(x => x.KeyTask).HasForeignKey(x => x.KeyTaskId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<KeyTaskCoUnit>(e =>
        {
            e.HasKey(x => new { x.KeyTaskId, x.UnitId });
            e.HasIndex(x => x.UnitId);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<KeyTaskProgress>(e =>
        {
            e.HasIndex(x => new { x.KeyTaskId, x.Month }).IsUnique();
            e.Property(x => x.Text).HasMaxLength(2000);
            e.Property(x => x.WrittenBy).HasMaxLength(100);
        });

        b.Entity<Setting>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(100);
        });

        foreach (var type in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            b.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }
}

/// <summary>
/// SQLite has no decimal type: EF stores decimals as text, which cannot be summed or sorted in SQL. Amounts are
/// 万元 with 元 precision, so they are stored as whole 元 in an INTEGER column: exact, sortable, summable.
/// </summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<WanYuanAsYuanConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4).HaveConversion<TrimmedDecimalConverter>();
    }
}

/// <summary>
/// numeric(18,4) reads back with four decimals (29640000.0000); dividing by 1.000… drops trailing zeros so both
/// databases give the same JSON for the same value.
/// </summary>
public sealed class TrimmedDecimalConverter() : ValueConverter<decimal, decimal>(
    v => v,
    v => v / 1.0000000000000000000000000000m);

/// <summary>万元 (decimal) ↔ 元 (long), rounding to the 元.</summary>
public sealed class WanYuanAsYuanConverter() : ValueConverter<decimal, long>(
    v => (long)Math.Round(v * 10000m, MidpointRounding.AwayFromZero),
    v => v / 10000m);

using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Accounts;
using PlanPulse.Domain.Portfolio;
using PlanPulse.Web.Tests.Support;

namespace PlanPulse.Web.Tests.Api;

/// <summary>
/// One principal of the authorisation matrix: a demo account (or nobody), its bearer-token client (which also keeps
/// the antiforgery cookie) and what it may see, computed from the database independently of the app's query filters.
/// </summary>
public sealed class Principal
{
    public required string Name { get; init; }

    public required HttpClient Client { get; init; }

    /// <summary>The antiforgery form token for this principal (tokens are bound to the signed-in user).</summary>
    public string FormToken { get; set; } = "";

    /// <summary>Null: sees every project.</summary>
    public IReadOnlySet<int>? Visible { get; init; }

    /// <summary>Names of the units (responsible, town, command) of the visible projects.</summary>
    public IReadOnlySet<string> VisibleUnitNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlySet<int> VisibleResponsibleUnitIds { get; init; } = new HashSet<int>();

    public int OwnProject { get; init; }

    /// <summary>A project on the list outside the principal's scope (or any project when they see everything).</summary>
    public int ForeignProject { get; init; }

    public int Problem { get; init; }

    public int Report { get; init; }

    public int Unit { get; init; }

    public bool SeesAll => Visible is null;

    public bool Sees(int projectId) => Visible is null || Visible.Contains(projectId);

    public override string ToString() => Name;
}

/// <summary>
/// The demo app once for the whole matrix (read cases and requests that must change nothing), with a client per role.
/// The sign-in rate limit is raised: the matrix itself is not an attack on the login page.
/// </summary>
public sealed partial class MatrixFixture : IAsyncLifetime
{
    public const string Anonymous = "anonymous";

    /// <summary>Matrix columns: nobody, then one demo account per role.</summary>
    public static readonly string[] Columns = [Anonymous, "admin", "planoffice", "leader", "command-nm", "reporter-drc", "commissioner"];

    private ApiFactory? _app;

    public WebApplicationFactory<Program> Web { get; private set; } = null!;

    public Dictionary<string, Principal> Principals { get; } = new(StringComparer.Ordinal);

    /// <summary>Project ids on the 2023 annual list, in code order.</summary>
    public IReadOnlyList<int> ListProjects { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _app = await ApiFactory.CreateAsync(Databases.Sqlite);
        Web = _app.WithWebHostBuilder(b => b.UseSetting("Auth:SignIn:FailuresPerClient", "100000"));
        await using var scope = Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApplyScope(DataScope.Everything);

        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.Lists.Any(l => l.ProjectList!.Year == 2023 && l.ProjectList.Code == "annual-major"))
            .OrderBy(p => p.Code)
            .Select(p => new
            {
                p.Id,
                p.CommissionerId,
                p.ResponsibleUnitId,
                Unit = p.ResponsibleUnit!.Name,
                UnitPath = p.ResponsibleUnit.Path,
                Town = p.Town == null ? null : p.Town.Name,
                TownPath = p.Town == null ? null : p.Town.Path,
                Command = p.Command == null ? null : p.Command.Name,
                CommandPath = p.Command == null ? null : p.Command.Path,
            })
            .ToListAsync();
        ListProjects = projects.Select(p => p.Id).ToList();
        var problems = await db.Problems.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.ProjectId }).ToListAsync();
        var reports = await db.MonthlyReports.AsNoTracking().Where(r => r.Month == 202311 && r.Status == ReportStatus.Submitted)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.ProjectId }).ToListAsync();

        foreach (var name in Columns)
        {
            var client = Web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (name == Anonymous)
            {
                Principals[name] = new Principal { Name = name, Client = client, OwnProject = projects[0].Id, ForeignProject = projects[^1].Id, Problem = problems[0].Id, Report = reports[0].Id };
                continue;
            }

            var user = await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => new { u.Id, u.PersonId, UnitPath = u.Unit == null ? null : u.Unit.Path }).SingleAsync();
            var role = await Accounts.RoleOfAsync(db, user.Id);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.IssueTokenAsync(db, name, TimeProvider.System));

            // The scope rules of the issue, restated: office roles and leaders see all; commands and reporters the
            // projects whose responsible unit, town or command lies under their unit; a commissioner those they serve.
            var visible = role switch
            {
                Roles.Admin or Roles.PlanOffice or Roles.Leader => projects,
                Roles.Commissioner => projects.Where(p => p.CommissionerId == user.PersonId).ToList(),
                _ => projects.Where(p => p.UnitPath.StartsWith(user.UnitPath!, StringComparison.Ordinal)
                    || (p.TownPath?.StartsWith(user.UnitPath!, StringComparison.Ordinal) ?? false)
                    || (p.CommandPath?.StartsWith(user.UnitPath!, StringComparison.Ordinal) ?? false)).ToList(),
            };
            var all = visible.Count == projects.Count;
            Assert.NotEmpty(visible);
            var ids = visible.Select(p => p.Id).ToHashSet();
            var foreign = projects.FirstOrDefault(p => !ids.Contains(p.Id)) ?? projects[^1];
            Principals[name] = new Principal
            {
                Name = name,
                Client = client,
                Visible = all ? null : ids,
                VisibleUnitNames = visible.SelectMany(p => new[] { p.Unit, p.Town, p.Command }).OfType<string>().ToHashSet(StringComparer.Ordinal),
                VisibleResponsibleUnitIds = visible.Select(p => p.ResponsibleUnitId).ToHashSet(),
                OwnProject = visible[0].Id,
                ForeignProject = foreign.Id,
                Problem = (problems.FirstOrDefault(p => ids.Contains(p.ProjectId)) ?? problems[0]).Id,
                Report = (reports.FirstOrDefault(r => ids.Contains(r.ProjectId)) ?? reports[0]).Id,
                Unit = visible[0].ResponsibleUnitId,
            };
        }

        // Antiforgery tokens are bound to the user: each principal takes one from a form it may open.
        foreach (var p in Principals.Values)
        {
            var html = await p.Client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
            p.FormToken = FormToken(html);
        }
    }

    public static string FormToken(string html)
    {
        var m = TokenInput().Match(html);
        Assert.True(m.Success, "no __RequestVerificationToken in the form");
        return System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>Audit rows so far: every saved change writes at least one, so an unchanged count means nothing was saved.</summary>
    public async Task<int> AuditCountAsync()
    {
        await using var scope = Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApplyScope(DataScope.Everything);
        return await db.AuditEntries.CountAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var p in Principals.Values)
        {
            p.Client.Dispose();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;
using PlanPulse.Api;
using PlanPulse.App.Data;
using PlanPulse.App.Features.Demo;

namespace PlanPulse.Web;

public static class WebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddQuietLogging(builder.Configuration);

        // The stylesheets and scripts are embedded in the assembly (see PlanPulse.csproj): found wherever the
        // app is started from, the single-file binary included. asp-append-version reads the same provider.
        builder.Environment.WebRootFileProvider = new ManifestEmbeddedFileProvider(typeof(WebApp).Assembly, "wwwroot");
        var db = DatabaseOptions.From(builder.Configuration);
        builder.Services.AddPlanPulseDatabase(db);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IRequestActor, HttpRequestActor>();
        builder.Services.AddPlanPulseAuth(builder.Configuration);
        builder.Services.AddRazorPages();

        // Chinese text goes out as characters, not &#x…; entities (pages several times smaller); < > & " stay encoded.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = ["zh-CN", "en"];
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // A page request that ends in an empty error (404, 405…) gets a page in the app's layout and language; API
        // calls keep RFC 7807 problem details. Inside the problem-details middleware, so it answers first.
        app.UseWhen(
            ctx => !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/openapi"),
            b => b.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<QueryGuard>();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapRazorPages();
        app.MapPortfolioApi();
        app.MapProblemsApi();
        app.MapRuleSetsApi();
        app.MapOrganisationApi();
        app.MapWorkflowApi();
        app.MapIndicatorsApi();
        app.MapDocumentsApi();
        app.MapPlanDocumentsApi();
        app.MapKeyTasksApi();
        app.MapExcelApi();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Console defaults a person can read: warnings, the host's "Now listening on" line and the app's own one-line
    /// events. EF Core's SQL (thousands of lines on a first start) only when asked, e.g.
    /// <c>Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information</c>. Inserted as the first,
    /// lowest-priority source, so appsettings.json and environment variables still override every level.
    /// </summary>
    public static void AddQuietLogging(ConfigurationManager configuration)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
                ["Logging:LogLevel:PlanPulse"] = "Information",
            },
        });
    }

    /// <summary>Applies migrations on start (both databases); the demo is offered from the dashboard when empty.</summary>
    public static async Task InitialiseAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PlanPulse");
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        log.LogInformation("数据目录 {Folder};数据库 {Database}", options.DataFolder, options.Describe());

        // Start-up is a job, not a request: it opts out of the request scope explicitly.
        db.ApplyScope(DataScope.Everything);
        db.AuditUser = "startup";
        if (app.Configuration.GetValue("Database:AutoMigrate", true))
        {
            await Database.MigrateAsync(db);
        }

        if (app.Configuration.GetValue("Demo:LoadOnEmpty", false) && !await db.Projects.AnyAsync())
        {
            var demo = await DemoData.LoadAsync(db);
            log.LogInformation("已载入演示数据:{Projects} 个项目,{Reports} 份月报(演示账号密码见 README)", demo.Projects, demo.Reports);
        }

        // First start without accounts: an administrator, its password from configuration or printed once.
        if (!await db.Users.AnyAsync())
        {
            var configured = app.Configuration["Admin:Password"];
            var password = configured ?? PlanPulse.Cli.UserCommands.NewPassword();
            await PlanPulse.App.Features.Accounts.Accounts.CreateAsync(db, "admin", Roles.Admin, password, "系统管理员");
            if (configured is null)
            {
                // Printed, not logged: a one-time secret belongs on the operator's console, not in a log sink.
                Console.WriteLine($"已创建管理员账号 admin,初始密码(只显示这一次):{password}");
            }
        }
    }
}

/// <summary>Security headers on every response; the CSP allows no inline script and nothing from other origins.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

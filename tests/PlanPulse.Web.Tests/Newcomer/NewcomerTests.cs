using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using PlanPulse.Web.Tests.Support;
using Xunit;

namespace PlanPulse.Web.Tests.Newcomer;

/// <summary>
/// The app started the way a person starts it, not through the test host (which sets the content root and once
/// hid a web root that was looked up under the working folder): the README's <c>dotnet run</c> from the repository
/// root, and the built dll from an unrelated folder. Each signs in through the form and fetches every stylesheet
/// and script the dashboard links; a missing one fails the test.
/// </summary>
public sealed partial class NewcomerTests
{
    [Fact]
    public async Task Readme_dotnet_run_from_the_repository_root_serves_every_asset()
    {
        var root = Repository.Root();

        // The README's first command, with --no-build: the test run has already built Release, and a second
        // build here would race the test host for the same output folder.
        await using var app = await RunningApp.StartAsync(root, "dotnet", "run", "--project", "src/PlanPulse", "-c", "Release", "--no-build", "--", "serve", "--demo");
        await AssertDashboardWithAssetsAsync(app);

        // `dotnet run` keeps the data where the README says: the folder named by PLANPULSE_DATA, not the build output.
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "planpulse.db")), "the SQLite file is in PLANPULSE_DATA");
    }

    [Fact]
    public async Task Built_dll_started_from_another_folder_serves_every_asset_and_logs_no_sql()
    {
        var dll = Path.Combine(Repository.Root(), "src", "PlanPulse", "bin", "Release", "net10.0", "planpulse.dll");
        Assert.True(File.Exists(dll), $"{dll} is built by scripts/test.sh before the tests");
        await using var app = await RunningApp.StartAsync(Path.GetTempPath(), "dotnet", dll, "serve", "--demo");
        await AssertDashboardWithAssetsAsync(app);

        var log = app.Output;
        Assert.Contains("Now listening on", log);
        Assert.Contains("数据目录", log);
        Assert.Contains("已载入演示数据", log);
        Assert.DoesNotContain("WebRootPath", log);

        // EF Core's SQL stays out of the console unless asked for; a first start used to print thousands of lines.
        Assert.DoesNotContain("Executed DbCommand", log);
        Assert.DoesNotContain("CREATE TABLE", log);
        Assert.True(log.Split('\n').Length < 60, $"a first start prints a screenful, not {log.Split('\n').Length} lines");
    }

    private static async Task AssertDashboardWithAssetsAsync(RunningApp app)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

        var login = await http.GetStringAsync("/");
        var token = TokenField().Match(login);
        Assert.True(token.Success, "the first page is the sign-in form with an antiforgery token");
        var action = FormAction().Match(login) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : "/Account/Login";
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "planoffice",
            ["Password"] = PlanPulse.App.Features.Demo.DemoData.DemoPassword,
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        });
        (await http.PostAsync(action, form)).EnsureSuccessStatusCode();

        var home = await http.GetStringAsync("/");
        Assert.Contains("2,964", home);

        var assets = Stylesheet().Matches(home).Concat(Script().Matches(home)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains(assets, x => x.StartsWith("/css/site.css", StringComparison.Ordinal));
        Assert.Contains(assets, x => x.StartsWith("/js/site.js", StringComparison.Ordinal));
        Assert.Contains(assets, x => x.StartsWith("/lib/echarts/echarts.min.js", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.StartsWith("/", asset); // nothing from another origin: the intranet has no internet
            using var response = await http.GetAsync(asset);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && body.Length > 0, $"{asset} answered {(int)response.StatusCode} with {body.Length} bytes");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex Script();

    /// <summary>A child process serving on a free loopback port over its own data folder; killed with its children on dispose.</summary>
    private sealed class RunningApp : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private RunningApp(Process process, Uri baseUrl, string dataFolder)
        {
            _process = process;
            BaseUrl = baseUrl;
            DataFolder = dataFolder;
        }

        public Uri BaseUrl { get; }

        public string DataFolder { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<RunningApp> StartAsync(string workingFolder, string file, params string[] args)
        {
            var port = FreePort();
            var data = Path.Combine(Path.GetTempPath(), "planpulse-newcomer-" + Guid.NewGuid().ToString("N"));
            var info = new ProcessStartInfo(file) { WorkingDirectory = workingFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["PLANPULSE_DATA"] = data;
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["DOTNET_NOLOGO"] = "1";

            // The test host's own settings must not leak into the child: it starts as a person's shell would.
            info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            info.Environment.Remove("DOTNET_ENVIRONMENT");
            info.Environment.Remove("ASPNETCORE_CONTENTROOT");
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
            var app = new RunningApp(process, new Uri($"http://127.0.0.1:{port}"), data);
            process.OutputDataReceived += (_, e) => app.Append(e.Data);
            process.ErrorDataReceived += (_, e) => app.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' exited with {process.ExitCode}:\n{app.Output}");
                }

                try
                {
                    if ((await probe.GetAsync(new Uri(app.BaseUrl, "/health"))).IsSuccessStatusCode)
                    {
                        return app;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException)
                {
                    // busy starting
                }

                await Task.Delay(500);
            }

            await app.DisposeAsync();
            throw new TimeoutException($"'{file} {string.Join(' ', args)}' did not answer /health within 3 minutes:\n{app.Output}");
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        private static int FreePort()
        {
            var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held by a dying child; the temp folder is the system's to clean
            }
        }
    }
}

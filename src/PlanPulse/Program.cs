using PlanPulse.Cli;
using PlanPulse.Web;

namespace PlanPulse;

/// <summary>
/// The one executable: <c>planpulse serve</c> runs the web app (also with no arguments, which is how the test host
/// starts it); any other first word is a batch command.
/// </summary>
public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] == "serve" || args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "--version"))
        {
            var webArgs = args.Length > 0 && args[0] == "serve" ? args[1..] : args;

            // `serve --demo` loads the demo portfolio into an empty database on start.
            webArgs = webArgs.Select(a => a == "--demo" ? "--Demo:LoadOnEmpty=true" : a).ToArray();
            var app = WebApp.Build(webArgs);
            await WebApp.InitialiseAsync(app);
            await app.RunAsync();
            return 0;
        }

        return await CommandLine.RunAsync(args);
    }
}

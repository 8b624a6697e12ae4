namespace PlanPulse.Web.Tests.Support;

/// <summary>The checkout the tests run from: sources and fixtures are read from it, and the app is started in it.</summary>
public static class Repository
{
    /// <summary>The folder holding PlanPulse.slnx, above the test's output folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlanPulse.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PlanPulse.slnx not found above " + AppContext.BaseDirectory);
    }
}

namespace MigrationTasks.Build.Tests.Support;

/// <summary>
/// What all tests of one run share: a temporary root, an isolated NuGet package folder, and the
/// MigrationTasks package packed once into a local feed from this run's fresh build.
/// </summary>
internal static class TestRun
{
    private static readonly Lazy<Task<string>> Feed = new(PackAsync);

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "mt-build-" + Guid.NewGuid().ToString("N")[..8]);

    public static string PackagesFolder => Path.Combine(Root, "packages");

    /// <summary>
    /// A version no public feed has, so that restore can only find the package under test even with
    /// the machine's usual source configured next to the local feed.
    /// </summary>
    public static string PackageVersion { get; } = "0.0.0-test-" + Path.GetFileName(Root)[9..];

    /// <summary>The local feed holding MigrationTasks.&lt;version&gt;.nupkg, packed on first use.</summary>
    public static Task<string> PackageFeedAsync() => Feed.Value;

    /// <summary>The repository root, found from the test assembly's location.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MigrationTasks.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"no MigrationTasks.sln above {AppContext.BaseDirectory}");
        }
    }

    // bin/<Configuration>/net10.0/: pack the configuration this test assembly was built in, with no build.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static async Task<string> PackAsync()
    {
        var feed = Path.Combine(Root, "feed");
        var project = Path.Combine(RepositoryRoot, "src", "MigrationTasks.Build", "MigrationTasks.Build.csproj");
        // Packing reads this checkout's restore output, so it must see the package folder that restore used.
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // MinVer would pack the git version instead, which restore then takes with warning NU1603 (an error under TreatWarningsAsErrors).
        var result = await DotNetCli.RunAsync(RepositoryRoot, new Dictionary<string, string> { ["NUGET_PACKAGES"] = userPackages },
            "pack", project, "-c", Configuration, "--no-build", "-o", feed, $"-p:PackageVersion={PackageVersion}", $"-p:MinVerVersionOverride={PackageVersion}");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"packing MigrationTasks failed:\n{result}");
        }

        return feed;
    }

    public static void Delete()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

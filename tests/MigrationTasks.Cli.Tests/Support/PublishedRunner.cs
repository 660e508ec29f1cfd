namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// Which `migrations` the process-level tests start. <c>MIGRATIONTASKS_CLI</c> names a published
/// runner (`.ci/run` sets it to the Native AOT binary of eng/publish-cli.sh), so the build users get is
/// the one the suites prove; without it, the test build's migrations.dll runs through dotnet.
/// </summary>
internal static class PublishedRunner
{
    public const string EnvironmentVariable = "MIGRATIONTASKS_CLI";

    /// <summary>The published runner's path, or null when the tests use the build's own migrations.dll.</summary>
    public static string? Path { get; } = Resolve();

    /// <summary>The program and the arguments that start the runner with <paramref name="args"/>.</summary>
    public static (string Program, string[] Arguments) Command(IEnumerable<string> args) =>
        Path is { } published
            ? (published, [.. args])
            : (System.IO.Path.Combine(ChildProcess.DotNetRoot, "dotnet"), [System.IO.Path.Combine(AppContext.BaseDirectory, "migrations.dll"), .. args]);

    private static string? Resolve()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        // A variable pointing nowhere must fail the run, not quietly fall back to the other build.
        return File.Exists(path)
            ? System.IO.Path.GetFullPath(path)
            : throw new InvalidOperationException($"{EnvironmentVariable}={path}: no such file (publish it with eng/publish-cli.sh)");
    }
}

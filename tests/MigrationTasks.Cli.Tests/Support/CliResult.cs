namespace MigrationTasks.Cli.Tests.Support;

/// <summary>What one invocation of `migrations` did: its exit code and everything it printed.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

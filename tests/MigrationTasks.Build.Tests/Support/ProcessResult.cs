namespace MigrationTasks.Build.Tests.Support;

/// <summary>What one `dotnet` invocation did: its exit code and its combined output.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    public override string ToString() => $"{Command}\nexit {ExitCode}\n{Output}";
}

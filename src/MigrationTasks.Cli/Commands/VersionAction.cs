using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.InteropServices;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// --version prints the version recorded with every applied migration, then the commit and runtime it was built from. The built-in action reads the
/// entry assembly, which is not this tool when the CLI runs in-process (tests, hosts).
/// </summary>
internal sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        // The version first, alone as a word, so scripts can still take the first field; the commit and runtime say which build it is.
        output.WriteLine($"{CommandRunner.ToolVersion} (commit {Commit()}, {RuntimeInformation.FrameworkDescription})");
        return ExitCodes.Success;
    }

    // The SDK appends "+<sha>" to the informational version when it builds from a git checkout.
    private static string Commit()
    {
        var informational = typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var sha = plus < 0 ? "" : informational[(plus + 1)..];
        return sha.Length == 0 ? "unknown" : sha[..Math.Min(12, sha.Length)];
    }
}

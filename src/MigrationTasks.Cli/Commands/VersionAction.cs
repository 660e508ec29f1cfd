using System.CommandLine;
using System.CommandLine.Invocation;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// --version prints the version recorded with every applied migration. The built-in action reads the
/// entry assembly, which is not this tool when the CLI runs in-process (tests, hosts).
/// </summary>
internal sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(CommandRunner.ToolVersion);
        return ExitCodes.Success;
    }
}

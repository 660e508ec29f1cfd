using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The guard in front of down, baseline, mark-applied and repair: in an environment migrations.yaml
/// marks protected they destroy data or rewrite the history production relies on, so they need --force.
/// Checked before any connection is opened.
/// </summary>
internal static class ProtectedEnvironment
{
    public static void Check(CommandContext context)
    {
        var command = context.Parse.CommandResult.Command.Name;
        if (context.Effective.Environment is not { Protected: true } environment)
        {
            return;
        }

        if (!context.Parse.GetValue(CliOptions.Force))
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.ProtectedEnvironment,
                $"'{command}' is refused in the protected environment '{environment.Name}' ({environment.Source}): it can destroy data or rewrite the migration history. Nothing was done. Pass --force if a person has decided this must run here"));
        }

        context.Reporter.Notice($"warning: running '{command}' in the protected environment '{environment.Name}' because --force was given.");
    }
}

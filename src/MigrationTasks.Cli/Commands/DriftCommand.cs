using System.CommandLine;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// <c>migrations drift</c>: is the live schema the one the history recorded? Exit 0 when it is, 9 when
/// something was changed outside the migrations (docs/drift.md). Also <c>up --check-drift</c>.
/// </summary>
internal static class DriftCommand
{
    /// <summary>Also read from MIGRATION_CHECK_DRIFT, which the GitHub Action's check-drift input sets.</summary>
    public const string CheckDriftVariable = "MIGRATION_CHECK_DRIFT";

    /// <summary>false switches off recording the schema with the history: only to measure what recording costs (eng/bench/fingerprint.sh).</summary>
    public const string RecordSchemaVariable = "MIGRATION_RECORD_SCHEMA";

    public static readonly Option<bool> CheckDrift = new("--check-drift")
    {
        Description = $"Refuse to apply (exit 9) when the schema was changed outside the migrations since the last one was applied ({CheckDriftVariable}=true does the same)",
    };

    public static Command Create(CommandRunner runner)
    {
        var drift = new Command("drift", "Compare the live schema with the one recorded when the last migration was applied; exit 9 on a difference (pending migrations are not drift)");
        drift.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(ChangesNothing: true), RunAsync, ct));
        return drift;
    }

    public static bool RecordSchema(EnvironmentSettings environment) =>
        environment.Get(RecordSchemaVariable) is null || environment.Flag(RecordSchemaVariable);

    public static bool CheckDriftRequested(CommandContext context) =>
        context.Parse.GetValue(CheckDrift) || context.Environment.Flag(CheckDriftVariable);

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        var differences = await context.Runner.DriftAsync(context.Migrations, context.CancellationToken).ConfigureAwait(false);
        return differences.Count == 0 ? RunOutcome.Succeeded : RunOutcome.Drift;
    }
}

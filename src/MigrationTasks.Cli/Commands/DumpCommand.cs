using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Schema;

namespace MigrationTasks.Cli.Commands;

/// <summary><c>migrations dump [--out schema.sql|-]</c>: the live schema as deterministic text for code review (docs/drift.md).</summary>
internal static class DumpCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "Where to write the schema; '-' for stdout",
        DefaultValueFactory = _ => "schema.sql",
    };

    public static Command Create(CommandRunner runner)
    {
        var dump = new Command("dump", "Write the live schema, read from pg_catalog (sqlite_schema on SQLite), as text that is the same byte for byte for the same schema")
        {
            Options = { Out },
        };
        dump.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(ChangesNothing: true), RunAsync, ct));
        return dump;
    }

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        var path = context.Parse.GetValue(Out) ?? "schema.sql";
        if (path != "-" && context.Settings.Engine is PostgresEngine { Settings.TenantSchema: { } schema })
        {
            // Every tenant would overwrite the same file; on stdout each tenant's schema is a block of its own.
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidFleetOption,
                $"dump over a fleet writes each tenant's schema (here '{schema}') to stdout, in the tenant's block: pass --out - (a tenants file of one key dumps that tenant alone)"));
        }

        var fingerprint = await context.Runner.ReadSchemaAsync(context.CancellationToken).ConfigureAwait(false);
        var text = SchemaDump.Render(fingerprint, context.Settings.Engine is SqliteEngine ? "the SQLite schema" : "pg_catalog", "'migrations dump'");
        if (path == "-")
        {
            context.Reporter.Notice(text.TrimEnd('\n'));
            return RunOutcome.Succeeded;
        }

        await DumpFile.WriteAsync(path, text, context.CancellationToken).ConfigureAwait(false);
        context.Reporter.Notice($"Wrote the schema ({fingerprint.Lines.Count} objects, {fingerprint.Hash}) to {path}.");
        return RunOutcome.Succeeded;
    }
}

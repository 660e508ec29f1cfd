using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Import;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Import;

namespace MigrationTasks.Cli.Commands;

/// <summary><c>migrations import [--from tool] [--dry-run]</c>: takes over another tool's history (docs/adopting.md).</summary>
internal static class ImportCommand
{
    private static readonly Option<string?> From = new("--from")
    {
        Description = $"The tool whose history table to read: {string.Join(", ", ImportTools.Names)} (detected when omitted)",
    };

    private static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Print matched, unmatched and local-only migrations and write nothing",
    };

    public static Command Create(CommandRunner runner)
    {
        var import = new Command("import", "Record the migrations another tool applied (its history table is read, never changed)")
        {
            Options = { From, DryRun },
        };
        import.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(), RunAsync, ct));
        return import;
    }

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        ImportTool? tool = null;
        if (context.Parse.GetValue(From) is { } name)
        {
            tool = ImportTools.TryParse(name, out var parsed) ? parsed
                : throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                    $"--from '{name}' is not a tool import reads; use one of: {string.Join(", ", ImportTools.Names)}"));
        }

        var dryRun = context.Parse.GetValue(DryRun);
        if (!dryRun)
        {
            // Destructive only when it writes: a dry run is allowed anywhere.
            ProtectedEnvironment.Check(context);
        }

        var import = new HistoryImport(PostgresOnly(context), context.Reporter, context.Settings.ApplyContext(CommandRunner.ToolVersion));
        await import.RunAsync(await context.Migrations.ConfigureAwait(false), tool, dryRun, context.CancellationToken).ConfigureAwait(false);
        return RunOutcome.Succeeded;
    }

    /// <summary>
    /// Said by <c>baseline</c>: another tool's history table means that tool knows exactly which migrations
    /// ran, which <c>import</c> reads, where a baseline only trusts the version typed.
    /// </summary>
    public static async Task WarnOfForeignHistoryAsync(CommandContext context)
    {
        if (Databases.DatabaseProviders.Create(context.Settings) is not PostgresProvider provider)
        {
            return;
        }

        var import = new HistoryImport(provider, context.Reporter, context.Settings.ApplyContext(CommandRunner.ToolVersion));
        var tables = await import.FindForeignTablesAsync(context.CancellationToken).ConfigureAwait(false);
        if (tables.Count > 0)
        {
            context.Reporter.On(new DiagnosticEvent(Diagnostic.Warning(DiagnosticCodes.ForeignHistoryFound,
                $"this database has another tool's history: {string.Join(", ", tables)}. 'migrations import' records exactly what that tool applied, and refuses a dirty or failed state; baseline trusts --version alone")));
        }
    }

    // The other tools' history tables are read with PostgreSQL's catalog; SQLite databases are not read yet.
    private static PostgresProvider PostgresOnly(CommandContext context) =>
        Databases.DatabaseProviders.Create(context.Settings) as PostgresProvider
            ?? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                "import reads other tools' history tables on PostgreSQL only; on SQLite, record the migrations that ran with 'migrations baseline --version <last applied>'"));
}

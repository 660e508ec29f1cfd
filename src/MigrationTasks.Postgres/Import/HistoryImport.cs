using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Import;
using MigrationTasks.Postgres.History;
using Npgsql;

namespace MigrationTasks.Postgres.Import;

/// <summary>
/// <c>migrations import</c>: takes over another tool's history. Under our lock and the tool's own (where
/// it has one) it reads the tool's table, refuses a dirty or failed state, matches the local files,
/// and records the matched ones in our history in one transaction, with <c>source = import:&lt;tool&gt;</c>
/// and the time the tool applied them. The tool's table is only ever read.
/// </summary>
public sealed class HistoryImport(PostgresProvider provider, IRunObserver observer, ApplyContext context)
{
    /// <returns>How many migrations were recorded (0 for a dry run or when all were already imported).</returns>
    public async Task<int> RunAsync(MigrationSet set, ImportTool? from, bool dryRun, CancellationToken cancellationToken)
    {
        if (set.HasErrors)
        {
            throw new MigrationRunException(RunOutcome.InvalidMigrations, set.Diagnostics.Where(d => d.IsError).ToList());
        }

        var connection = await provider.OpenConnectionAsync(observer, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var tool = from is { } named ? await RequireAsync(connection, named, cancellationToken).ConfigureAwait(false)
            : await DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        // Matched once before anything is locked or written, so that a refused import (a dirty state, an edited file)
        // leaves the database as it was, without even our history and audit tables; matched again under the locks below.
        var (precheck, toWrite) = await MatchAsync(connection, set, tool, cancellationToken).ConfigureAwait(false);
        if (dryRun)
        {
            Report(tool, precheck, toWrite, $"Dry run: nothing was written; 'migrations import' would record {toWrite.Count} migration(s).");
            return 0;
        }

        var database = await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        await using var databaseLifetime = database.ConfigureAwait(false);
        return await AuditedRun.UnderLockAsync(database, context, observer, "import", async trail =>
        {
            if (!await ForeignHistoryReader.TryLockAsync(connection, tool, cancellationToken).ConfigureAwait(false))
            {
                throw new MigrationRunException(RunOutcome.LockNotAcquired, Diagnostic.Error(DiagnosticCodes.LockTimeout,
                    $"{ImportTools.NameOf(tool)} holds its own migration lock: it is running now. Wait for it to finish, then import again"));
            }

            var (plan, write) = await MatchAsync(connection, set, tool, cancellationToken).ConfigureAwait(false);
            trail.Versions.AddRange(write.Select(m => m.Migration.VersionText));
            trail.Detail = $"import from {ImportTools.NameOf(tool)}";
            if (write.Count > 0)
            {
                var history = new HistoryStore(provider.Settings.HistorySchema, provider.Settings.HistoryTable, PostgresDatabase.RunnerRole(connection));
                await history.ImportAsync(connection, write, context.ToolVersion, "import:" + ImportTools.NameOf(tool), cancellationToken).ConfigureAwait(false);
            }

            Report(tool, plan, write, write.Count == 0
                ? "Nothing to import: every matched migration is already in the history."
                : $"Recorded {write.Count} migration(s) as applied, with source import:{ImportTools.NameOf(tool)}, in one transaction; {ImportTools.NameOf(tool)}'s table was not changed.");
            return write.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The other tools' history tables in the database, for <c>baseline</c> to warn about.</summary>
    public async Task<IReadOnlyList<string>> FindForeignTablesAsync(CancellationToken cancellationToken)
    {
        var connection = await provider.OpenConnectionAsync(observer, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var tools = await ForeignHistoryReader.DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        return tools.Select(t => $"{ForeignHistoryReader.TableOf(t)} ({ImportTools.NameOf(t)})").ToList();
    }

    private static async Task<ImportTool> DetectAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var found = await ForeignHistoryReader.DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0]
            : throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, found.Count == 0
                ? $"no other tool's history table ({string.Join(", ", Enum.GetValues<ImportTool>().Select(ForeignHistoryReader.TableOf).Distinct())}) was found through this connection's search path. {InAnotherSchema}"
                : $"several tools' history tables were found ({string.Join(", ", found.Select(ImportTools.NameOf))}); pass --from to choose one"));
    }

    // --from names the tool, but its table must be there (and be that tool's): an absent table read as an
    // empty history would report every migration "local only" and succeed, and the next 'up' would run
    // them all again on a database the tool had already migrated.
    private static async Task<ImportTool> RequireAsync(NpgsqlConnection connection, ImportTool tool, CancellationToken cancellationToken)
    {
        var found = await ForeignHistoryReader.DetectAsync(connection, cancellationToken).ConfigureAwait(false);
        if (found.Contains(tool))
        {
            return tool;
        }

        var others = found.Count == 0 ? "" : $" (this database has {string.Join(", ", found.Select(t => $"{ForeignHistoryReader.TableOf(t)} of {ImportTools.NameOf(t)}"))})";
        throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
            $"--from {ImportTools.NameOf(tool)}: no {ImportTools.NameOf(tool)} history table {ForeignHistoryReader.TableOf(tool)} was found through the search path{others}. " +
            $"{WhereToLook(tool)}, or pass the --from of the tool whose table is there; nothing was imported"));
    }

    // A schema-qualified table (drizzle's, in its default migrationsSchema) is not looked for through the search path.
    private static string WhereToLook(ImportTool tool) => ForeignHistoryReader.TableOf(tool).Contains('.', StringComparison.Ordinal)
        ? $"Connect to the database the tool migrated; {ForeignHistoryReader.TableOf(tool)} is read in that schema only (the tool's default), so a table it was told to keep in another schema is not found yet"
        : InAnotherSchema;

    // The tables are found as the tools find them, through the search path: --from cannot point elsewhere.
    private const string InAnotherSchema =
        "Connect to the database the tool migrated; if its table is in a schema off the search path (Flyway's 'schemas', a migrations-table option), " +
        "put that schema first in the connection's search path ('Search Path=<schema>' in the connection string)";

    // Reads the tool's table and ours, refuses an unclean state, and matches the files.
    private async Task<(ImportPlan Plan, List<ImportedMigration> Write)> MatchAsync(NpgsqlConnection connection, MigrationSet set, ImportTool tool, CancellationToken cancellationToken)
    {
        var history = await ForeignHistoryReader.ReadAsync(connection, tool, cancellationToken).ConfigureAwait(false);
        if (history.NotClean is { } why)
        {
            throw new MigrationRunException(RunOutcome.ForeignHistoryNotClean, Diagnostic.Error(DiagnosticCodes.ForeignHistoryNotClean,
                $"{history.Table}: {why}. Nothing was imported"));
        }

        var plan = ImportPlan.Match(set, history, File.ReadAllBytes);
        var ours = await RecordedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
        var write = plan.Matched.Where(m => !ours.Contains(m.Migration.Version.Value)).ToList();
        if (plan.Unmatched.Count > 0)
        {
            Report(tool, plan, write, "Nothing was imported.");
            throw new MigrationRunException(RunOutcome.InvalidMigrations, plan.Unmatched.Select(u => Diagnostic.Error(DiagnosticCodes.ImportUnmatched,
                $"{history.Table}: {u}; restore the file as it was applied (or remove the row with the tool itself), then import again")).ToList());
        }

        return (plan, write);
    }

    private async Task<HashSet<string>> RecordedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<string>(StringComparer.Ordinal);
        var table = SqlIdentifier.Qualified(provider.Settings.HistorySchema, provider.Settings.HistoryTable);
        if (await ForeignHistoryReader.ExistsAsync(connection, table.Replace("'", "''", StringComparison.Ordinal), cancellationToken).ConfigureAwait(false))
        {
            var command = new NpgsqlCommand($"SELECT version::text FROM {table} WHERE status = 'applied'", connection);
            await using var commandLifetime = command.ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerLifetime = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions.Add(reader.GetString(0));
            }
        }

        return versions;
    }

    private void Report(ImportTool tool, ImportPlan plan, List<ImportedMigration> write, string outcome)
    {
        var text = new StringBuilder()
            .Append($"Import from {ImportTools.NameOf(tool)} ({ForeignHistoryReader.TableOf(tool)}): {plan.Matched.Count} matched, {plan.Unmatched.Count} unmatched, {plan.LocalOnly.Count} local only.");
        foreach (var (migration, appliedAt) in plan.Matched)
        {
            var state = write.Any(w => w.Migration == migration) ? "" : " (already in the history)";
            text.Append($"\n  matched     {migration.DisplayName}{(appliedAt is { } at ? $", applied {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "")}{state}");
        }

        text.Append(string.Concat(plan.Unmatched.Select(u => $"\n  unmatched   {u}")));
        var outOfOrder = plan.OutOfOrder();
        text.Append(string.Concat(plan.LocalOnly.Select(m => outOfOrder.Contains(m)
            ? $"\n  local only  {m.DisplayName} (pending below an applied version: 'migrations up' refuses it as out of order, MT2003)"
            : $"\n  local only  {m.DisplayName} (pending: 'migrations up' applies it)")));
        observer.On(new HistoryChangedEvent("import", write.Select(w => w.Migration.VersionText).ToList(), text.Append('\n').Append(outcome).ToString()));
        if (outOfOrder.Count > 0)
        {
            var named = string.Join(", ", outOfOrder.Take(3).Select(m => m.DisplayName)) + (outOfOrder.Count > 3 ? $" and {outOfOrder.Count - 3} more" : "");
            observer.On(new DiagnosticEvent(Diagnostic.Warning(DiagnosticCodes.MarkedAbovePending,
                $"{ImportTools.NameOf(tool)} applied versions above {outOfOrder.Count} migration(s) it never ran ({named}); the next 'migrations up' refuses them as out of order (MT2003). " +
                "Check whether each is still needed, then add '-- migrate:allow-out-of-order' to it, or apply it by hand and run 'migrations mark-applied <version>'",
                outOfOrder[0].Path, 1, 1)));
        }
    }
}

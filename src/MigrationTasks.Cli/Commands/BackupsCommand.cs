using System.CommandLine;
using System.Globalization;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Sqlite;
using MigrationTasks.Sqlite.Backups;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// SQLite's backups by hand: <c>migrations backups list</c>, <c>migrations backups restore NAME</c>
/// and <c>migrations snapshot NAME</c> (a named backup rotation never deletes).
/// </summary>
internal static class BackupsCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The backup's name, as 'migrations backups list' shows it" };
    private static readonly Argument<string> SnapshotName = new("name") { Description = "A name for the snapshot (letters, digits, '-', '_')" };

    public static Command Create(CommandRunner runner)
    {
        var list = new Command("list", "List the SQLite database's backups, newest first");
        list.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(), ListAsync, ct));

        var restore = new Command("restore", "Restore a backup over the SQLite database (refused while another runner holds the lock; the current state is backed up first)")
        {
            Arguments = { Name },
            Options = { CliOptions.Force, CliOptions.NoBackup },
        };
        restore.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(Destructive: true), RestoreAsync, ct));
        return new Command("backups", "SQLite: the backups taken before each up and down") { Subcommands = { list, restore } };
    }

    public static Command CreateSnapshot(CommandRunner runner)
    {
        var snapshot = new Command("snapshot", "SQLite: take a named backup now, which rotation never deletes") { Arguments = { SnapshotName } };
        snapshot.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(), SnapshotAsync, ct));
        return snapshot;
    }

    private static Task<RunOutcome> ListAsync(CommandContext context)
    {
        var backups = Administration(context).List();
        context.Reporter.Notice(backups.Count == 0
            ? "No backups yet: one is taken before each up or down that changes the database."
            : string.Join(Environment.NewLine, backups.Select(b => string.Create(CultureInfo.InvariantCulture,
                $"{b.Name}  {b.TakenAt:yyyy-MM-dd HH:mm:ss}Z  {b.Bytes / 1024.0:0.#} KiB  {(b.Snapshot ? "snapshot" : "automatic")}"))));
        return Task.FromResult(RunOutcome.Succeeded);
    }

    private static async Task<RunOutcome> SnapshotAsync(CommandContext context)
    {
        var taken = await Administration(context).SnapshotAsync(context.Parse.GetValue(SnapshotName)!, context.CancellationToken).ConfigureAwait(false);
        context.Reporter.Notice($"Snapshot '{taken.Name}' written to {taken.Path}.");
        return RunOutcome.Succeeded;
    }

    private static async Task<RunOutcome> RestoreAsync(CommandContext context)
    {
        var audit = new AuditRecord("restore", [], AuditOutcome.Succeeded, Environment.UserName, CommandRunner.ToolVersion, null, context.Effective.Environment?.Name, null);
        var restored = await Administration(context).RestoreAsync(context.Parse.GetValue(Name)!, audit, context.CancellationToken).ConfigureAwait(false);
        context.Reporter.Notice($"Restored {SqliteOf(context).DatabasePath} from {restored.Path}.");
        return RunOutcome.Succeeded;
    }

    private static BackupAdministration Administration(CommandContext context) => new(SqliteOf(context), context.Reporter);

    private static SqliteSettings SqliteOf(CommandContext context) =>
        context.Settings.Engine is SqliteEngine sqlite
            ? sqlite.Settings
            : throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.BackupsNeedSqlite,
                "backups are taken for SQLite databases; for PostgreSQL use pg_dump or your provider's snapshots"));
}

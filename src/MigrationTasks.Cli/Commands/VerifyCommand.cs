using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Postgres.Schema;
using MigrationTasks.Schema;
using Npgsql;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// <c>migrations verify --dev-url &lt;server&gt;</c>: up, down, up for every migration on a scratch database,
/// exit 3 when a down file does not undo its up file (docs/drift.md). Never touches --connection's database.
/// </summary>
internal static class VerifyCommand
{
    public const string DevUrlVariable = "MIGRATION_DEV_URL";

    public static readonly Option<string?> DevUrl = new("--dev-url")
    {
        Description = $"A development PostgreSQL server where a scratch database may be created and dropped (default: {DevUrlVariable}); never production",
    };

    private static readonly Option<string?> From = new("--from")
    {
        Description = "Check only migrations newer than this version (all are still applied, in order)",
    };

    private static readonly Option<bool> Keep = new("--keep")
    {
        Description = "Keep the scratch database afterwards, to look at it",
    };

    public static Command Create(CommandRunner runner)
    {
        var verify = new Command("verify", "Apply every migration on a scratch database and check that each down file undoes its up file exactly; exit 3 when one does not")
        {
            Options = { DevUrl, From, Keep },
        };
        verify.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(NeedsDatabase: false, UndoesOnCancel: true), RunAsync, ct));
        return verify;
    }

    private static async Task<RunOutcome> RunAsync(CommandContext context)
    {
        var given = context.Parse.GetValue(DevUrl) ?? context.Environment.Get(DevUrlVariable);
        RefuseSqlite(context.Dialect, given);
        var url = given
            ?? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.DevServerMissing,
                $"verify needs a development server to create a scratch database on: pass --dev-url postgres://user@host/postgres or set {DevUrlVariable}"));
        var from = RunSettings.ParseVersion("--from", context.Parse.GetValue(From));
        var settings = context.Effective;
        var set = MigrationDirectory.Load(PostgresDialect.Instance, settings.Directory.Value, layout: settings.Layout.Value, cancellationToken: context.CancellationToken);
        var keep = context.Parse.GetValue(Keep);
        IReadOnlyList<Diagnostic> problems;
        string name;
        var scratch = await ScratchDatabase.CreateAsync(ParseDevUrl(url, context.Parse.GetValue(DevUrl) is null ? DevUrlVariable : "--dev-url"), keep, context.CancellationToken).ConfigureAwait(false);
        await using (scratch.ConfigureAwait(false))
        {
            name = scratch.Name;
            var postgres = new PostgresSettings(scratch.Connection)
            {
                ConnectTimeout = TimeLimit.ForDatabase(settings.Timeout.Value),
                LockTimeout = TimeLimit.ForDatabase(settings.LockTimeout.Value),
                HistorySchema = settings.HistorySchema.Value,
                HistoryTable = settings.HistoryTable.Value,
                Scope = settings.ConfigValues.SchemaScope(),
            };
            if (ScratchTenant.IsNeeded(set))
            {
                postgres = ScratchTenant.For(postgres);
                context.Reporter.Notice($"The migrations write {ScratchTenant.Placeholder}: they run as one fleet tenant, in the scratch schema \"{ScratchTenant.Schema}\".");
            }

            var provider = new PostgresProvider(postgres);
            var apply = new ApplyContext(CommandRunner.ToolVersion, null, settings.DefaultLockTimeout.Value, settings.DefaultStatementTimeout.Value) { Steps = Reporting.CommandSteps.Instance };
            problems = await new RoundTrip(provider, context.Reporter, apply).VerifyAsync(set, from, settings.AllowIrreversible, context.CancellationToken).ConfigureAwait(false);
        }

        context.Reporter.Problems(problems);
        var errors = problems.Count(p => p.IsError);
        context.Reporter.Notice($"{Checked(set, from, context.Parse.GetValue(From))} on the scratch database {name} ({(keep ? "kept" : "dropped")}): {errors} problem(s).");
        return errors > 0 ? RunOutcome.InvalidMigrations : RunOutcome.Succeeded;
    }

    // With --from, the older migrations are only applied: counting them as verified would claim down files nobody ran.
    private static string Checked(MigrationSet set, MigrationVersion? from, string? fromAsWritten)
    {
        if (from is not { } since)
        {
            return $"Verified {set.Migrations.Count} migration(s)";
        }

        var newer = set.Migrations.Count(m => m.Version.CompareTo(since) > 0);
        return newer == 0
            ? $"No migration is newer than --from {fromAsWritten}: nothing was round-tripped ({set.Migrations.Count} applied)"
            : $"Verified {newer} migration(s) newer than --from {fromAsWritten} ({set.Migrations.Count} applied)";
    }

    // Its errors name it: the user may have given a right --connection too, and needs to know which to fix.
    private static NpgsqlConnectionStringBuilder ParseDevUrl(string url, string name)
    {
        try
        {
            return ConnectionStringParser.Parse(url);
        }
        catch (ConnectionStringException e)
        {
            throw new ConnectionStringException($"{name}: {e.Message}", e);
        }
    }

    // The round trip runs on a PostgreSQL scratch database: SQLite's files would be split and run as PostgreSQL's,
    // and a SQLite dev URL would be read as a PostgreSQL one. Refused before anything is read or created.
    private static void RefuseSqlite(Dialects.IMigrationDialect files, string? devUrl)
    {
        var (sqliteFiles, sqliteDevUrl) = (files.Name == Sqlite.Dialect.SqliteDialect.Instance.Name, devUrl is not null && Sqlite.SqliteConnectionSpec.Names(devUrl));
        if (!sqliteFiles && !sqliteDevUrl)
        {
            return;
        }

        var what = sqliteFiles ? "these migrations are written for SQLite (migrations.yaml's 'engine:' or the connection says so)" : "--dev-url names a SQLite file";
        throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.VerifyNeedsPostgres,
            $"verify runs only on a PostgreSQL development server, and {what}. To check SQLite down files, run up, down and up again on a scratch file "
            + "(--connection sqlite:/tmp/scratch.db --no-backup) and compare `migrations dump --out <file>` after each up; docs/sqlite.md shows the commands"));
    }
}

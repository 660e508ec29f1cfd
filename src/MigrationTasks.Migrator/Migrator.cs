using System.Runtime.ExceptionServices;
using MigrationTasks.Bundles;
using MigrationTasks.Dialects;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Sqlite;
using MigrationTasks.Sqlite.Dialect;

namespace MigrationTasks.Migrator;

/// <summary>
/// Applies a migrations folder or bundle from code, as <c>migrations up</c> does: the same lock (twenty
/// test fixtures or replicas starting at once apply each migration once), history, audit and checks.
/// A failure is a <see cref="MigrationRunException"/> whose <see cref="MigrationRunException.Outcome"/>
/// says what happened (invalid migrations, rolled back, lock not acquired, unreachable ...) and whose
/// diagnostics carry the codes, files and lines the CLI would print.
/// </summary>
/// <example><code>
/// await new Migrator(new MigratorOptions { Connection = connectionString, Directory = "migrations" }).UpAsync();
/// </code></example>
public sealed class Migrator(MigratorOptions options)
{
    /// <summary>Applies the pending migrations (up to and including <paramref name="target"/> when given); returns how many.</summary>
    public async Task<int> UpAsync(MigrationVersion? target = null, CancellationToken cancellationToken = default)
    {
        var (runner, migrations) = await PrepareAsync(cancellationToken).ConfigureAwait(false);
        return await Spelled(runner.UpAsync(migrations, target, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>What <see cref="UpAsync"/> would apply, and the problems it would refuse for; takes no lock and writes nothing.</summary>
    public async Task<Plan> PlanAsync(CancellationToken cancellationToken = default)
    {
        var (runner, migrations) = await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var plan = await Spelled(runner.PlanAsync(migrations, null, cancellationToken)).ConfigureAwait(false);
        return plan with { Problems = MigratorSettings.Spell(plan.Problems) };
    }

    /// <summary>Reverts the latest <paramref name="steps"/> applied migrations with their down files; returns how many.</summary>
    public async Task<int> DownAsync(int steps = 1, CancellationToken cancellationToken = default)
    {
        OptionChecks.CheckSteps(steps);
        var (runner, migrations) = await PrepareAsync(cancellationToken).ConfigureAwait(false);
        return await Spelled(runner.DownAsync(migrations, steps, null, cancellationToken)).ConfigureAwait(false);
    }

    // The engine names the next step of a failure (repair, resume ...); code that calls the Migrator reads it in its own terms.
    private static async Task<T> Spelled<T>(Task<T> run)
    {
        try
        {
            return await run.ConfigureAwait(false);
        }
        catch (MigrationRunException e)
        {
            // The same failure in the caller's words: its stack trace stays the engine's, where the run stopped.
            throw ExceptionDispatchInfo.SetRemoteStackTrace(
                new MigrationRunException(e.Outcome, MigratorSettings.Spell(e.Diagnostics), e.InnerException), e.StackTrace ?? "");
        }
    }

    private async Task<(MigrationRunner Runner, Task<MigrationSet> Migrations)> PrepareAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.Check(options);
        var (dialect, provider, target) = OpenChecked();
        string? rootHash = null;
        MigrationSet set;
        if (options.Bundle is { } bundle)
        {
            var verified = await Task.Run(() => BundleVerifier.Verify(dialect, bundle, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (verified.HasErrors)
            {
                throw new MigrationRunException(RunOutcome.InvalidMigrations, verified.Diagnostics.Where(d => d.IsError).ToList());
            }

            (set, rootHash) = (verified.Migrations, verified.RootHash);
        }
        else
        {
            set = await Task.Run(() => MigrationDirectory.Load(dialect, options.Directory ?? Configuration.MigrationsOptions.DefaultDirectory, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var context = new ApplyContext(options.RecordedAs, rootHash, null, null) { Steps = MigratorSteps.Instance };
        // Each event names its database, so one observer can serve migrators of several databases at once.
        var observer = new TargetedObserver(new SpelledObserver(options.Observer ?? SilentObserver.Instance, MigratorSteps.Instance), target);
        return (new MigrationRunner(provider, observer, context), Task.FromResult(set));
    }

    // A connection that is not blank but names nothing usable (Host=, postgresql://, sqlite:, a misspelt key) is the CLI's
    // MT4001 too, naming the option, rather than the parser's ConnectionStringException without a code.
    private (IMigrationDialect Dialect, IMigrationDatabaseProvider Provider, RunTarget Target) OpenChecked()
    {
        try
        {
            return Open();
        }
        catch (Exception e) when (e is ConnectionStringException or ArgumentException)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting,
                Diagnostics.Diagnostic.Error(Diagnostics.DiagnosticCodes.InvalidConnection, $"MigratorOptions.{nameof(MigratorOptions.Connection)}: {e.Message}"), e);
        }
    }

    // The connection's form picks the engine, as it does for the CLI (sqlite: and Data Source= are SQLite);
    // the target is what the CLI's events name too: the database (the file, on SQLite) and the history schema.
    private (IMigrationDialect Dialect, IMigrationDatabaseProvider Provider, RunTarget Target) Open()
    {
        if (DatabaseEngines.DialectOf(options.Connection) is SqliteDialect)
        {
            var settings = SqliteConnectionSpec.SettingsOf(options.Connection) with
            {
                HistoryTable = options.HistoryTable,
                LockTimeout = options.LockTimeout,
                Backup = options.Backup,
            };
            return (SqliteDialect.Instance, new SqliteProvider(settings), new RunTarget(settings.DatabasePath, ""));
        }

        var connection = ConnectionStringParser.Parse(options.Connection);
        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            connection.ApplicationName = "migrationtasks";
        }

        var provider = new PostgresProvider(new PostgresSettings(connection)
        {
            LockTimeout = options.LockTimeout,
            ConnectTimeout = options.ConnectTimeout,
            HistorySchema = options.HistorySchema,
            HistoryTable = options.HistoryTable,
            ConnectionSettingName = "MigratorOptions.Connection",
        });
        return (PostgresDialect.Instance, provider, new RunTarget(connection.Database ?? "", options.HistorySchema));
    }
}

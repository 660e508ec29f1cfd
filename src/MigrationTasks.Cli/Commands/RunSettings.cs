using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Sqlite;
using MigrationTasks.Sqlite.Dialect;

namespace MigrationTasks.Cli.Commands;

/// <summary>The effective settings of one invocation that talks to a database: <see cref="EffectiveSettings"/> plus the connection.</summary>
/// <param name="Engine">The engine the connection names, with its provider's settings.</param>
internal sealed record RunSettings(EffectiveSettings Effective, EngineSettings Engine, MigrationVersion? Target)
{
    /// <summary>What every event of the run names: the database (the file, on SQLite) and the history schema.</summary>
    public RunTarget RunTarget => Engine switch
    {
        SqliteEngine sqlite => new RunTarget(sqlite.Settings.DatabasePath, ""),
        PostgresEngine postgres => new RunTarget(postgres.Settings.Connection.Database ?? "", postgres.Settings.HistorySchema),
        _ => throw new InvalidOperationException($"unknown engine settings {Engine.GetType().Name}"),
    };

    public string Directory => Effective.Directory.Value;

    public TimeSpan Timeout => Effective.Timeout.Value;

    /// <param name="terminal">Whether a person waits at a terminal: a read-only command then gets a short connect budget (<see cref="ConnectBudget"/>).</param>
    public static RunSettings Resolve(ParseResult parse, EnvironmentSettings environment, EffectiveSettings effective, Reporting.Terminal terminal)
    {
        var source = ConnectionSource.Resolve(parse.GetValue(CliOptions.Connection), environment.Get);
        var dialect = Databases.DatabaseProviders.DialectOf(source);
        Databases.DatabaseProviders.CheckEngine(effective.Engine.Value, dialect, source);
        var target = parse.CommandResult.Command.Options.Contains(CliOptions.Target) ? ParseVersion("--target", parse.GetValue(CliOptions.Target)) : null;
        if (dialect == SqliteDialect.Instance)
        {
            return new RunSettings(effective, new SqliteEngine(SqliteSettingsOf(source, parse, environment, effective)), target);
        }

        var connection = source.Parse();
        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            // Lets a waiting runner, and a DBA reading pg_stat_activity, name who holds the lock.
            connection.ApplicationName = "migrationtasks";
        }

        var postgres = new PostgresSettings(connection)
        {
            LockTimeout = TimeLimit.ForDatabase(effective.LockTimeout.Value),
            ConnectTimeout = ConnectBudget.For(parse.CommandResult.Command.Name, effective.Timeout, terminal),
            HistorySchema = effective.HistorySchema.Value,
            HistoryTable = effective.HistoryTable.Value,
            LockKey = effective.LockKey.Value,
            ConnectionSettingName = source.OriginName,
            Scope = effective.ConfigValues.SchemaScope(),
        };
        return new RunSettings(effective, new PostgresEngine(postgres), target);
    }

    private static SqliteSettings SqliteSettingsOf(ResolvedConnectionString source, ParseResult parse, EnvironmentSettings environment, EffectiveSettings effective)
    {
        SqliteSettings connection;
        try
        {
            connection = SqliteConnectionSpec.SettingsOf(source.Value);
        }
        catch (ArgumentException e)
        {
            throw new ConnectionStringException($"{source.OriginName}: {e.Message}", e);
        }

        return connection with
        {
            HistoryTable = effective.HistoryTable.Value,
            LockTimeout = TimeLimit.ForDatabase(effective.LockTimeout.Value),
            BackupFolder = effective.BackupFolder.Value,
            KeepBackups = effective.BackupKeep.Value,
            Scope = effective.ConfigValues.SchemaScope(),
            Backup = !((parse.CommandResult.Command.Options.Contains(CliOptions.NoBackup) && parse.GetValue(CliOptions.NoBackup)) || environment.Flag(EnvironmentSettings.NoBackup)),
        };
    }

    /// <summary>What every applied migration is recorded with, and the per-migration defaults.</summary>
    public ApplyContext ApplyContext(string toolVersion) =>
        new(toolVersion, null, Effective.DefaultLockTimeout.Value, Effective.DefaultStatementTimeout.Value)
        {
            Environment = Effective.Environment?.Name,
            Retry = Effective.Retry.Value,
            LintSeverities = Effective.LintSeverities,
            LintScope = Effective.LintScope,
            Steps = Reporting.CommandSteps.Instance,
        };

    public static MigrationVersion? ParseVersion(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return MigrationVersion.TryParse(text, out var version)
            ? version
            : throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"{option} '{StrayConnections.Shown(text)}' is not a version; pass the digits before the '_' of a migration file name, such as 0003"));
    }
}

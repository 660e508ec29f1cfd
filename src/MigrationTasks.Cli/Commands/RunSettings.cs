using System.CommandLine;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli.Commands;

/// <summary>The effective settings of one invocation that talks to a database: <see cref="EffectiveSettings"/> plus the connection.</summary>
internal sealed record RunSettings(EffectiveSettings Effective, PostgresSettings Postgres, MigrationVersion? Target)
{
    public string Directory => Effective.Directory.Value;

    public TimeSpan Timeout => Effective.Timeout.Value;

    public static RunSettings Resolve(ParseResult parse, EnvironmentSettings environment, EffectiveSettings effective)
    {
        var source = ConnectionSource.Resolve(parse.GetValue(CliOptions.Connection), environment.Get);
        Databases.DatabaseProviders.DialectOf(source);
        var connection = source.Parse();
        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            // Lets a waiting runner, and a DBA reading pg_stat_activity, name who holds the lock.
            connection.ApplicationName = "migrationtasks";
        }

        var postgres = new PostgresSettings(connection)
        {
            LockTimeout = TimeLimit.ForDatabase(effective.LockTimeout.Value),
            ConnectTimeout = TimeLimit.ForDatabase(effective.Timeout.Value),
            HistorySchema = effective.HistorySchema.Value,
            HistoryTable = effective.HistoryTable.Value,
            LockKey = effective.LockKey.Value,
            ConnectionSettingName = source.OriginName,
        };
        var target = parse.CommandResult.Command.Options.Contains(CliOptions.Target) ? ParseVersion("--target", parse.GetValue(CliOptions.Target)) : null;
        return new RunSettings(effective, postgres, target);
    }

    /// <summary>What every applied migration is recorded with, and the per-migration defaults.</summary>
    public ApplyContext ApplyContext(string toolVersion) =>
        new(toolVersion, null, Effective.DefaultLockTimeout.Value, Effective.DefaultStatementTimeout.Value)
        {
            Environment = Effective.Environment?.Name,
            Retry = Effective.Retry.Value,
            LintSeverities = Effective.LintSeverities,
            LintScope = Effective.LintScope,
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
                $"{option} '{text}' is not a version; pass the digits before the '_' of a migration file name, such as 0003"));
    }
}

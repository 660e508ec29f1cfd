using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;
using System.CommandLine;

namespace MigrationTasks.Cli.Commands;

/// <summary>The effective settings of one invocation, resolved flag > environment > default.</summary>
internal sealed record RunSettings(string Directory, PostgresSettings Postgres, TimeSpan Timeout, MigrationVersion? Target)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    public static RunSettings Resolve(ParseResult parse, EnvironmentSettings environment)
    {
        var source = ConnectionSource.Resolve(parse.GetValue(CliOptions.Connection), environment.Get);
        var connection = ConnectionStringParser.Parse(source.Value);
        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            // Lets a waiting runner, and a DBA reading pg_stat_activity, name who holds the lock.
            connection.ApplicationName = "migrationtasks";
        }

        var timeout = Seconds(parse.GetValue(CliOptions.Timeout)) ?? environment.Duration(EnvironmentSettings.Timeout) ?? DefaultTimeout;
        var lockTimeout = Seconds(parse.GetValue(CliOptions.LockTimeout)) ?? environment.Duration(EnvironmentSettings.LockTimeout) ?? DefaultTimeout;
        var postgres = new PostgresSettings(connection) { LockTimeout = lockTimeout, ConnectTimeout = timeout, ConnectionSettingName = source.OriginName };
        return new RunSettings(parse.GetValue(CliOptions.Directory)!, postgres, timeout, ParseTarget(parse.GetValue(CliOptions.Target)));
    }

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static MigrationVersion? ParseTarget(string? target)
    {
        if (target is null)
        {
            return null;
        }

        return MigrationVersion.TryParse(target, out var version)
            ? version
            : throw new MigrationRunException(ExitCodes.Usage, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"--target '{target}' is not a version; pass the digits before the '_' of a migration file name, such as 0003"));
    }
}

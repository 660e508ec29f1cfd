using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Postgres.History;

namespace MigrationTasks.Migrator;

/// <summary>
/// The checks the CLI makes of migrations.yaml and its flags, made of <see cref="MigratorOptions"/> before anything is read or
/// connected: without them a pg_temp schema failed mid-run with a PostgresException, a long history table had its audit trigger
/// names cut by PostgreSQL without a word, and a negative timeout ended in an ArgumentOutOfRangeException deep in the connector.
/// </summary>
internal static class OptionChecks
{
    /// <exception cref="MigrationRunException"><see cref="RunOutcome.InvalidSetting"/>, with one MT4001/MT4002 per wrong option.</exception>
    public static void Check(MigratorOptions options)
    {
        var problems = new List<Diagnostic>();
        void Problem(string option, string problem, string code = DiagnosticCodes.InvalidOption) =>
            problems.Add(Diagnostic.Error(code, $"MigratorOptions.{option} {problem}"));

        if (string.IsNullOrWhiteSpace(options.Connection))
        {
            Problem(nameof(MigratorOptions.Connection), "is empty; give a postgresql:// URI, a Host=…;Database=… string or sqlite:app.db", DiagnosticCodes.InvalidConnection);
        }

        if (options.Directory is not null && options.Bundle is not null)
        {
            Problem(nameof(MigratorOptions.Bundle), "and MigratorOptions.Directory are both set; set one: the bundle, or the folder of .sql files");
        }

        foreach (var (option, path) in new[] { (nameof(MigratorOptions.Directory), options.Directory), (nameof(MigratorOptions.Bundle), options.Bundle) })
        {
            if (path is not null && string.IsNullOrWhiteSpace(path))
            {
                Problem(option, $"is empty; name the folder, or leave it null{(option == nameof(MigratorOptions.Directory) ? " for 'migrations'" : "")}");
            }
        }

        if ((options.HistorySchema is null ? "is null; leave it out for 'public' or name a schema" : HistoryNames.SchemaProblem(options.HistorySchema)) is { } schema)
        {
            Problem(nameof(MigratorOptions.HistorySchema), schema);
        }

        if ((options.HistoryTable is null ? "is null; leave it out for 'migrationtasks_history' or name a table" : HistoryNames.TableProblem(options.HistoryTable)) is { } table)
        {
            Problem(nameof(MigratorOptions.HistoryTable), table);
        }

        foreach (var (option, value) in new[] { (nameof(MigratorOptions.LockTimeout), options.LockTimeout), (nameof(MigratorOptions.ConnectTimeout), options.ConnectTimeout) })
        {
            if (!MigrationsOptions.InRange(value))
            {
                Problem(option, $"is {value}; it must be between 0 and {MigrationsOptions.MaxDuration.TotalDays:0} days");
            }
        }

        if (problems.Count > 0)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, problems);
        }
    }

    /// <exception cref="MigrationRunException"><see cref="RunOutcome.InvalidSetting"/> when <paramref name="steps"/> is below 1, which reverted nothing without a word.</exception>
    public static void CheckSteps(int steps)
    {
        if (steps < 1)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption, $"steps must be 1 or more, not {steps}"));
        }
    }
}

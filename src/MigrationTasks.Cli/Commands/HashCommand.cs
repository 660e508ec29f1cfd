using System.CommandLine;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Sums;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// `migrations hash`: rewrites migrations.sum from the files as they are now. It is how a change to a
/// recorded migration is accepted on purpose; builds only ever append. Needs no database.
/// </summary>
internal static class HashCommand
{
    public static Command Create(CliConsole console, EnvironmentSettings environment)
    {
        var hash = new Command("hash", "Rewrite migrations.sum from the migration files (accepts edited, renamed or deleted recorded migrations on purpose)");
        hash.SetAction((parse, cancellationToken) =>
        {
            var reporter = CommandRunner.CreateReporter(parse, console);
            return CommandRunner.RunOffThreadAsync(reporter, ct => Run(parse, reporter, environment, ct), cancellationToken);
        });
        return hash;
    }

    private static int Run(ParseResult parse, IReporter reporter, EnvironmentSettings environment, CancellationToken cancellationToken)
    {
        string directory;
        Layouts.MigrationLayout? layout;
        try
        {
            // The same folder every other command uses: --dir, then migrations.yaml, then ./migrations.
            var settings = EffectiveSettings.Resolve(parse, environment);
            (directory, layout) = (settings.Directory.Value, settings.Layout.Value);
        }
        catch (MigrationRunException e)
        {
            reporter.Problems(e.Diagnostics);
            return e.ExitCode;
        }

        // Not linted: lint findings are for `migrations lint` and the build; recording checksums needs readable files.
        var set = MigrationDirectory.Load(PostgresDialect.Instance, directory, layout: layout, cancellationToken: cancellationToken);
        reporter.Problems(set.Diagnostics);
        if (set.HasErrors)
        {
            return ExitCodes.InvalidMigrations;
        }

        var sumPath = Path.Combine(directory, MigrationsSum.FileName);
        var written = SumCheck.Run(set, sumPath, SumMode.Rewrite, cancellationToken);
        reporter.Problems(written.Diagnostics);
        if (written.Diagnostics.Any(d => d.IsError))
        {
            return ExitCodes.InvalidMigrations;
        }

        reporter.Notice($"Wrote {sumPath}: {set.Migrations.Count} migration(s). Review the diff and commit it.");
        return ExitCodes.Success;
    }
}

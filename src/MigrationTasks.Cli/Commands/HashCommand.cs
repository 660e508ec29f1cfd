using System.CommandLine;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Sums;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// `migrations hash`: rewrites migrations.sum from the files as they are now. It is how a change to a
/// recorded migration is accepted on purpose; builds only ever append. Needs no database.
/// </summary>
internal static class HashCommand
{
    public static Command Create(CliConsole console)
    {
        var hash = new Command("hash", "Rewrite migrations.sum from the migration files (accepts edited, renamed or deleted recorded migrations on purpose)");
        hash.SetAction(parse => Run(parse, console));
        return hash;
    }

    private static int Run(ParseResult parse, CliConsole console)
    {
        var reporter = CommandRunner.CreateReporter(parse, console);
        var directory = parse.GetValue(CliOptions.Directory)!;
        var set = MigrationDirectory.Load(directory);
        reporter.Problems(set.Diagnostics);
        if (set.HasErrors)
        {
            return ExitCodes.InvalidMigrations;
        }

        var sumPath = Path.Combine(directory, MigrationsSum.FileName);
        SumCheck.Run(set, sumPath, SumMode.Rewrite);
        reporter.Notice($"Wrote {sumPath}: {set.Migrations.Count} migration(s). Review the diff and commit it.");
        return ExitCodes.Success;
    }
}

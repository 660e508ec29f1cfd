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
    public static Command Create(CommandRunner runner)
    {
        var hash = new Command("hash", "Rewrite migrations.sum from the migration files (accepts edited, renamed or deleted recorded migrations on purpose)");
        hash.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(NeedsDatabase: false), c => Task.FromResult(Run(c)), ct));
        return hash;
    }

    private static RunOutcome Run(CommandContext context)
    {
        // The same folder every other command uses: --dir, then migrations.yaml, then ./migrations.
        var (directory, layout, reporter, cancellationToken) = (context.Effective.Directory.Value, context.Effective.Layout.Value, context.Reporter, context.CancellationToken);

        // Not linted: lint findings are for `migrations lint` and the build; recording checksums needs readable files.
        var set = MigrationDirectory.Load(context.Dialect, directory, layout: layout, cancellationToken: cancellationToken);
        reporter.Problems(set.Diagnostics);
        if (set.HasErrors)
        {
            return RunOutcome.InvalidMigrations;
        }

        var sumPath = Path.Combine(directory, MigrationsSum.FileName);
        var written = SumCheck.Run(set, sumPath, SumMode.Rewrite, cancellationToken);
        reporter.Problems(written.Diagnostics);
        if (written.Diagnostics.Any(d => d.IsError))
        {
            return RunOutcome.InvalidMigrations;
        }

        reporter.Notice($"Wrote {sumPath}: {set.Migrations.Count} migration(s). Review the diff and commit it.");
        return RunOutcome.Succeeded;
    }
}

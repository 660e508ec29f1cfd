using System.CommandLine;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// <c>migrations lint</c>: the checks of <c>dotnet build</c> (file names, directives, the safety
/// rules) without a build or a database, for scripts, pre-commit hooks and CI steps outside .NET.
/// Exit 3 when anything is an error; warnings alone pass.
/// </summary>
internal static class LintCommand
{
    private static readonly Option<string?> Sarif = new("--sarif")
    {
        Description = "Also write the findings to this file as a SARIF 2.1.0 log (for code scanning)",
    };

    public static Command Create(EnvironmentSettings environment, CommandRunner runner)
    {
        var lint = new Command("lint", "Check the migration files against the safety rules (docs/lint.md) without a database; exit 3 on errors")
        {
            Options = { Sarif },
        };
        lint.SetAction(async (parse, cancellationToken) =>
        {
            var reporter = runner.CreateReporter(parse);
            var exitCode = await CommandRunner.RunOffThreadAsync(reporter, ct => Run(parse, environment, reporter, ct), cancellationToken).ConfigureAwait(false);
            // In a GitHub Actions step the exit-code output and the summary are written for lint too.
            (reporter as GitHubReporter)?.Complete(parse.CommandResult.Command.Name, exitCode);
            return exitCode;
        });
        return lint;
    }

    private static int Run(ParseResult parse, EnvironmentSettings environment, IReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            var settings = EffectiveSettings.Resolve(parse, environment);
            var directory = settings.Directory.Value;
            var set = MigrationDirectory.Load(PostgresDialect.Instance, directory, layout: settings.Layout.Value, cancellationToken: cancellationToken);
            var problems = LintPass.Run(PostgresDialect.Instance, set, settings.LintSeverities, settings.LintScope).ReportedWith(set);
            reporter.Problems(problems);
            if (parse.GetValue(Sarif) is { Length: > 0 } sarif && WriteSarif(sarif, problems) is { } unwritable)
            {
                reporter.Problems([unwritable]);
                return ExitCodes.Usage;
            }

            var errors = problems.Count(d => d.IsError);
            var warnings = problems.Count(d => d.Severity == DiagnosticSeverity.Warning);
            reporter.Notice($"Linted {set.Migrations.Count} migration(s) in {directory}: {errors} error(s), {warnings} warning(s).");
            return errors > 0 ? ExitCodes.InvalidMigrations : ExitCodes.Success;
        }
        catch (MigrationRunException e)
        {
            reporter.Problems(e.Diagnostics);
            return e.ExitCode;
        }
    }

    // A bad --sarif path is a usage error naming the path; a named pipe there would block the write, so it is refused first.
    private static Diagnostic? WriteSarif(string path, IReadOnlyList<Diagnostic> diagnostics)
    {
        try
        {
            RegularFile.ThrowIfNotRegular(path);
            SarifLog.Write(path, diagnostics, CommandRunner.ToolVersion);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"--sarif '{path}' could not be written: {e.Message} Give the path of a file in a folder that exists and is writable");
        }
    }
}

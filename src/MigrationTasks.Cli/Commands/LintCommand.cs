using System.CommandLine;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Lint;

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

    public static Command Create(CommandRunner runner)
    {
        var lint = new Command("lint", "Check the migration files against the safety rules (docs/lint.md) without a database; exit 3 on errors")
        {
            Options = { Sarif },
        };
        lint.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(NeedsDatabase: false), c => Task.FromResult(Run(c)), ct));
        return lint;
    }

    private static RunOutcome Run(CommandContext context)
    {
        var (settings, reporter) = (context.Effective, context.Reporter);
        var directory = settings.Directory.Value;
        var dialect = context.Dialect;
        var set = MigrationDirectory.Load(dialect, directory, layout: settings.Layout.Value, cancellationToken: context.CancellationToken);
        var problems = LintPass.Run(dialect, set, settings.LintSeverities, settings.LintScope).ReportedWith(set);
        reporter.Problems(problems);
        if (context.Parse.GetValue(Sarif) is { Length: > 0 } sarif && WriteSarif(sarif, problems, dialect.RuleTexts) is { } unwritable)
        {
            reporter.Problems([unwritable]);
            return RunOutcome.InvalidSetting;
        }

        var errors = problems.Count(d => d.IsError);
        var warnings = problems.Count(d => d.Severity == DiagnosticSeverity.Warning);
        reporter.Notice($"Linted {set.Migrations.Count} migration(s) in {directory}: {errors} error(s), {warnings} warning(s).");
        return errors > 0 ? RunOutcome.InvalidMigrations : RunOutcome.Succeeded;
    }

    // A bad --sarif path is a usage error naming the path; a named pipe there would block the write, so it is refused first.
    private static Diagnostic? WriteSarif(string path, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<LintRuleText> rules)
    {
        try
        {
            RegularFile.ThrowIfNotRegular(path);
            SarifLog.Write(path, diagnostics, rules, CommandRunner.ToolVersion);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"--sarif '{path}' could not be written: {e.Message} Give the path of a file in a folder that exists and is writable");
        }
    }
}

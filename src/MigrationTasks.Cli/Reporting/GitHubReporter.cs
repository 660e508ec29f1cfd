using System.Globalization;
using System.Text;
using MigrationTasks.Cli.GitHub;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Decorates the console or JSON reporter inside a GitHub Actions step: every problem also becomes an
/// annotation on its file and line, and at the end the step outputs and a Markdown summary are written.
/// Only versions, names, counts and diagnostics (already free of secrets) reach the files.
/// </summary>
internal sealed class GitHubReporter(IReporter inner, TextWriter commands, GitHubActions actions) : IReporter
{
    private readonly List<(Migration Migration, TimeSpan Duration)> _applied = [];
    private readonly List<Migration> _failed = [];
    private readonly BundleSources _bundleSources = new();
    private Plan? _plan;

    public void On(RunEvent runEvent)
    {
        inner.On(runEvent);
        switch (runEvent)
        {
            case PlanReadyEvent e:
                _plan = e.Plan;
                break;
            case MigrationAppliedEvent e:
                _applied.Add((e.Migration, e.Duration));
                break;
            case MigrationFailedEvent e:
                _failed.Add(e.Migration);
                Annotate(e.Diagnostic);
                break;
            case DiagnosticEvent e:
                Annotate(e.Diagnostic);
                break;
        }
    }

    public void Status(Plan status)
    {
        _plan = status;
        inner.Status(status);
        AnnotateAll(status.Problems);
    }

    public void PlanPreview(Plan preview)
    {
        _plan = preview;
        inner.PlanPreview(preview);
        AnnotateAll(preview.Problems);
    }

    public void DownPreview(DownPlan downPlan)
    {
        inner.DownPreview(downPlan);
        AnnotateAll(downPlan.Problems);
    }

    public void Configuration(IReadOnlyList<(string Key, string Value, string Source)> settings) => inner.Configuration(settings);

    public void Problems(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        inner.Problems(list);
        AnnotateAll(list);
    }

    public void Notice(string message) => inner.Notice(message);

    public void Flush() => inner.Flush();

    /// <summary>Writes the step outputs and the summary; called once, with the exit code the step will end with.</summary>
    public void Complete(string command, int exitCode)
    {
        var appliedVersions = _applied.Select(a => a.Migration.Version).ToHashSet();
        var pending = _plan?.Pending.Where(m => !appliedVersions.Contains(m.Version)).ToList() ?? [];
        var current = CurrentVersion();
        if (actions.OutputFile is { } outputFile)
        {
            // Counts only when this run saw the plan: a command that failed before it, or one such as down
            // that plans otherwise, would report zeros that read as facts.
            var counts = _plan is null ? "" : string.Create(CultureInfo.InvariantCulture, $"applied-count={_applied.Count}\npending-count={pending.Count}\ncurrent-version={current}\n");
            File.AppendAllText(outputFile, string.Create(CultureInfo.InvariantCulture, $"{counts}exit-code={exitCode}\n"));
        }

        if (actions.SummaryFile is { } summaryFile)
        {
            File.AppendAllText(summaryFile, Summary(command, exitCode, pending, current));
        }
    }

    private string CurrentVersion()
    {
        var versions = (_plan?.Entries ?? []).Where(e => e.State == MigrationState.Applied).Select(e => (e.Version, Text: e.VersionText))
            .Concat(_applied.Select(a => (a.Migration.Version, Text: a.Migration.VersionText)))
            .ToList();
        return versions.Count == 0 ? "" : versions.MaxBy(v => v.Version).Text;
    }

    private string Summary(string command, int exitCode, List<Migration> pending, string current)
    {
        var failedVersions = _failed.Select(m => m.Version).ToHashSet();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### migrations {command}: {(exitCode == 0 ? "succeeded" : $"failed (exit {exitCode})")}\n\n");
        if (_plan is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{_applied.Count} applied, {pending.Count} pending; current version: {(current.Length == 0 ? "none" : current)}.\n\n");
        }

        if (_applied.Count + pending.Count > 0)
        {
            text.Append("| Version | Name | State |\n|---|---|---|\n");
            foreach (var (migration, duration) in _applied)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {migration.VersionText} | {migration.Name} | applied ({duration.TotalMilliseconds:0} ms) |\n");
            }

            foreach (var migration in pending)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {migration.VersionText} | {migration.Name} | {(failedVersions.Contains(migration.Version) ? "**failed**" : "pending")} |\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private void AnnotateAll(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Annotate(diagnostic);
        }
    }

    private void Annotate(Diagnostic diagnostic)
    {
        var file = diagnostic.File is null ? null : _bundleSources.SourceOf(diagnostic.File) ?? actions.RelativeToWorkspace(diagnostic.File);
        commands.WriteLine(WorkflowCommands.Annotation(diagnostic.IsError ? "error" : "warning", $"{diagnostic.Code}: {diagnostic.Message} Help: {DiagnosticHelp.LinkOf(diagnostic.Code)}", file, diagnostic.Line, diagnostic.Column, diagnostic.Code));
        commands.Flush();
    }
}

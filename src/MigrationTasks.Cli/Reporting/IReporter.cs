using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Reporting;

/// <summary>How the CLI shows a run: the human console, or NDJSON events for machines.</summary>
internal interface IReporter : IRunObserver
{
    void Status(Plan plan);

    void PlanPreview(Plan plan);

    void DownPreview(DownPlan plan);

    /// <summary>The effective configuration: each key with its value and where the value came from.</summary>
    void Configuration(IReadOnlyList<(string Key, string Value, string Source)> settings);

    void Problems(IEnumerable<Diagnostic> diagnostics);

    void Notice(string message);

    /// <summary>Prints anything held back (warnings waiting to be grouped); called when the command ends.</summary>
    void Flush()
    {
    }
}

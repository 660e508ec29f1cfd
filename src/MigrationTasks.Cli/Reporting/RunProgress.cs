using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Passes everything to the reporter the user sees and remembers how far the run got, so that a
/// cancelled run says what really happened: a run stopped while it connected or waited for the lock
/// started nothing and held no lock, and must not claim a statement was cancelled. Every command's
/// diagnostics pass here, so this is where a setting the engine names gets its CLI spelling.
/// </summary>
internal sealed class RunProgress(IReporter shown) : IReporter
{
    /// <summary>The migration lock was acquired: from here a cancellation rolls back and releases it.</summary>
    public bool LockTaken { get; private set; }

    public void On(RunEvent runEvent)
    {
        LockTaken |= runEvent is LockAcquiredEvent;
        shown.On(runEvent is DiagnosticEvent found ? found with { Diagnostic = SettingSpelling.Apply(found.Diagnostic) } : runEvent);
    }

    public void Status(Plan plan) => shown.Status(plan with { Problems = Spelled(plan.Problems) });

    public void PlanPreview(Plan plan) => shown.PlanPreview(plan with { Problems = Spelled(plan.Problems) });

    public void DownPreview(DownPlan plan) => shown.DownPreview(plan with { Problems = Spelled(plan.Problems) });

    public void Configuration(IReadOnlyList<(string Key, string Value, string Source)> settings) => shown.Configuration(settings);

    public void Problems(IEnumerable<Diagnostic> diagnostics) => shown.Problems(diagnostics.Select(SettingSpelling.Apply));

    public void Notice(string message) => shown.Notice(message);

    private static List<Diagnostic> Spelled(IReadOnlyList<Diagnostic> problems) => problems.Select(SettingSpelling.Apply).ToList();
}

using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Passes everything to the reporter the user sees and remembers how far the run got, so that a
/// cancelled run says what really happened: a run stopped while it connected or waited for the lock
/// started nothing and held no lock, and must not claim a statement was cancelled.
/// </summary>
internal sealed class RunProgress(IReporter shown) : IReporter
{
    /// <summary>The migration lock was acquired: from here a cancellation rolls back and releases it.</summary>
    public bool LockTaken { get; private set; }

    public void On(RunEvent runEvent)
    {
        LockTaken |= runEvent is LockAcquiredEvent;
        shown.On(runEvent);
    }

    public void Status(Plan plan) => shown.Status(plan);

    public void PlanPreview(Plan plan) => shown.PlanPreview(plan);

    public void DownPreview(DownPlan plan) => shown.DownPreview(plan);

    public void Configuration(IReadOnlyList<(string Key, string Value, string Source)> settings) => shown.Configuration(settings);

    public void Problems(IEnumerable<Diagnostic> diagnostics) => shown.Problems(diagnostics);

    public void Notice(string message) => shown.Notice(message);
}

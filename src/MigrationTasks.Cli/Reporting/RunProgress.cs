using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// Passes everything to the reporter the user sees and remembers how far the run got, so that a
/// cancelled run says what really happened: a run stopped while it connected or waited for the lock
/// started nothing and held no lock, and must not claim a statement was cancelled. Every command's
/// diagnostics pass here, so this is where a setting or next step the engine names gets its CLI spelling. And
/// since every call passes here, this is where several targets reporting at once are taken one at a
/// time: the reporters behind it (writers, the GitHub step's lists) need not be thread-safe.
/// </summary>
internal sealed class RunProgress(IReporter shown) : IReporter
{
    private readonly Lock _turn = new();
    private bool _lockTaken;
    private Migration? _running;

    /// <summary>The migration lock was acquired: from here a cancellation rolls back and releases it.</summary>
    public bool LockTaken
    {
        get
        {
            lock (_turn)
            {
                return _lockTaken;
            }
        }
    }

    /// <summary>
    /// The migration started last and not yet done: if it runs outside a transaction, a cancellation leaves its
    /// finished statements applied and its history row 'failed', which the cancel notice must say.
    /// </summary>
    public Migration? Running
    {
        get
        {
            lock (_turn)
            {
                return _running;
            }
        }
    }

    public void On(RunEvent runEvent)
    {
        var spelled = CommandSteps.Instance.Fill(runEvent);
        var shownEvent = spelled is DiagnosticEvent found ? found with { Diagnostic = SettingSpelling.Apply(found.Diagnostic) } : spelled;
        lock (_turn)
        {
            _lockTaken |= runEvent is LockAcquiredEvent;
            _running = runEvent switch
            {
                MigrationStartedEvent e => e.Migration,
                MigrationAppliedEvent or MigrationRevertedEvent or MigrationFailedEvent => null,
                _ => _running,
            };
            shown.On(shownEvent);
        }
    }

    public void Status(Plan plan) => InTurn(() => shown.Status(plan with { Problems = Spelled(plan.Problems) }));

    public void PlanPreview(Plan plan) => InTurn(() => shown.PlanPreview(plan with { Problems = Spelled(plan.Problems) }));

    public void DownPreview(DownPlan plan) => InTurn(() => shown.DownPreview(plan with { Problems = Spelled(plan.Problems) }));

    public void Configuration(IReadOnlyList<(string Key, string Value, string Source)> settings) => InTurn(() => shown.Configuration(settings));

    public void Problems(IEnumerable<Diagnostic> diagnostics) => InTurn(() => shown.Problems(Spelled(diagnostics.ToList())));

    public void Notice(string message) => InTurn(() => shown.Notice(CommandSteps.Instance.Fill(message)));

    public void Flush() => InTurn(shown.Flush);

    private void InTurn(Action report)
    {
        lock (_turn)
        {
            report();
        }
    }

    private static List<Diagnostic> Spelled(IReadOnlyList<Diagnostic> problems) => problems.Select(p => SettingSpelling.Apply(CommandSteps.Instance.Fill(p))).ToList();
}

using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Execution;

/// <summary>What happens during a run, as data. Front-ends render these (console lines, NDJSON, annotations).</summary>
public abstract record RunEvent
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The database (and schema) the event is about; set by a <see cref="TargetedObserver"/>.</summary>
    public RunTarget? Target { get; init; }
}

public sealed record RetryingEvent(string Operation, int Attempt, TimeSpan Delay, string Reason) : RunEvent;

/// <summary>The database answered: <paramref name="Took"/> is the time spent connecting, retries included.</summary>
public sealed record ConnectedEvent(TimeSpan Took) : RunEvent;

public sealed record LockWaitingEvent(string Holder) : RunEvent;

public sealed record LockAcquiredEvent(TimeSpan Waited) : RunEvent;

public sealed record PlanReadyEvent(Plan Plan) : RunEvent;

public sealed record MigrationStartedEvent(Migration Migration) : RunEvent;

public sealed record MigrationAppliedEvent(Migration Migration, TimeSpan Duration) : RunEvent;

public sealed record MigrationFailedEvent(Migration Migration, Diagnostic Diagnostic, string? Excerpt) : RunEvent;

public sealed record NoticeEvent(string Message) : RunEvent;

/// <summary>A warning or error found along the way that does not end the run by itself.</summary>
public sealed record DiagnosticEvent(Diagnostic Diagnostic) : RunEvent;

public sealed record RunCompletedEvent(int Applied, TimeSpan Duration) : RunEvent;

/// <summary>
/// Receives run events; implementations must be quick and never throw, and must accept events from
/// several targets' runs at once (each event carries its <see cref="RunEvent.Target"/>).
/// </summary>
public interface IRunObserver
{
    void On(RunEvent runEvent);
}

public sealed record DownPlanReadyEvent(DownPlan Plan) : RunEvent;

public sealed record MigrationRevertedEvent(Migration Migration, TimeSpan Duration) : RunEvent;

public sealed record RevertCompletedEvent(int Reverted, TimeSpan Duration) : RunEvent;

/// <summary>baseline, mark-applied or repair changed the history without running migrations.</summary>
public sealed record HistoryChangedEvent(string Action, IReadOnlyList<string> Versions, string Message) : RunEvent;

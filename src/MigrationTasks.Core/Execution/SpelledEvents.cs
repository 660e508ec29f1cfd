using MigrationTasks.Diagnostics;

namespace MigrationTasks.Execution;

/// <summary>The events whose text can name a <see cref="NextStep"/>, with the steps filled in one front end's spelling.</summary>
public static class SpelledEvents
{
    public static RunEvent Fill(this StepSpelling steps, RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return runEvent switch
        {
            DiagnosticEvent e => e with { Diagnostic = steps.Fill(e.Diagnostic) },
            MigrationFailedEvent e => e with { Diagnostic = steps.Fill(e.Diagnostic) },
            NoticeEvent e => e with { Message = steps.Fill(e.Message) },
            HistoryChangedEvent e => e with { Message = steps.Fill(e.Message) },
            PlanReadyEvent e => e with { Plan = e.Plan with { Problems = steps.Fill(e.Plan.Problems) } },
            DownPlanReadyEvent e => e with { Plan = e.Plan with { Problems = steps.Fill(e.Plan.Problems) } },
            _ => runEvent,
        };
    }
}

/// <summary>Passes every event on with its steps spelled for the front end that watches (the in-process Migrator's observer).</summary>
public sealed class SpelledObserver(IRunObserver inner, StepSpelling steps) : IRunObserver
{
    public void On(RunEvent runEvent) => inner.On(steps.Fill(runEvent));
}

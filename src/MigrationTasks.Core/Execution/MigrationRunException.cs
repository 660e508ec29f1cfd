using MigrationTasks.Diagnostics;

namespace MigrationTasks.Execution;

/// <summary>
/// An expected failure of a run (bad files, lock timeout, unreachable database, failed migration):
/// it carries the outcome and the diagnostics to show. Anything else is an internal error.
/// </summary>
public class MigrationRunException : Exception
{
    public MigrationRunException(RunOutcome outcome, IReadOnlyList<Diagnostic> diagnostics, Exception? innerException = null)
        : base(string.Join(Environment.NewLine, diagnostics), innerException)
    {
        Outcome = outcome;
        Diagnostics = diagnostics;
    }

    public MigrationRunException(RunOutcome outcome, Diagnostic diagnostic, Exception? innerException = null)
        : this(outcome, [diagnostic], innerException)
    {
    }

    public RunOutcome Outcome { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

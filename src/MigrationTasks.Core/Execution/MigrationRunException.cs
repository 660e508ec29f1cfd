using MigrationTasks.Diagnostics;

namespace MigrationTasks.Execution;

/// <summary>
/// An expected failure of a run (bad files, lock timeout, unreachable database, failed migration):
/// it carries the exit code and the diagnostics to show. Anything else is an internal error.
/// </summary>
public class MigrationRunException : Exception
{
    public MigrationRunException(int exitCode, IReadOnlyList<Diagnostic> diagnostics, Exception? innerException = null)
        : base(string.Join(Environment.NewLine, diagnostics), innerException)
    {
        ExitCode = exitCode;
        Diagnostics = diagnostics;
    }

    public MigrationRunException(int exitCode, Diagnostic diagnostic, Exception? innerException = null)
        : this(exitCode, [diagnostic], innerException)
    {
    }

    public int ExitCode { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}

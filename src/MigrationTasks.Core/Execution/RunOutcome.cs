using MigrationTasks.Diagnostics;

namespace MigrationTasks.Execution;

/// <summary>
/// How a run ended, in the engine's words. The engine knows no process: each front end decides what an
/// outcome means to its user (the CLI maps each to one exit code, MSBuild to a failed build).
/// </summary>
public enum RunOutcome
{
    Succeeded,

    /// <summary>A setting's value is wrong: a version no file has, an option that makes no sense here.</summary>
    InvalidSetting,

    /// <summary>The target version matches no migration (or, to revert to, no applied one).</summary>
    UnknownTarget,

    /// <summary>Invalid files, checksum drift, a missing applied file, an out-of-order file, a tampered bundle.</summary>
    InvalidMigrations,

    /// <summary>Another runner held the migration lock until the lock timeout.</summary>
    LockNotAcquired,

    /// <summary>The database could not be reached, was lost, or refused the runner's own work.</summary>
    DatabaseUnreachable,

    /// <summary>The whole run did not finish within its timeout; what was running was rolled back.</summary>
    TimedOut,

    /// <summary>A migration failed and its transaction was rolled back.</summary>
    RolledBack,

    /// <summary>A migration failed outside a transaction (now or earlier): repair or resume first.</summary>
    RepairNeeded,

    /// <summary>Cancelled from outside; rolled back and the lock released.</summary>
    Cancelled,

    /// <summary>Another tool's own history, to be imported, is dirty or records a failed migration.</summary>
    ForeignHistoryNotClean,

    /// <summary>The live schema differs from the one recorded with the last applied migration (changed by hand).</summary>
    Drift,
}

/// <summary>Reads the outcome off the problems that block a plan.</summary>
public static class RunOutcomes
{
    /// <summary>
    /// A failed migration needs repair whatever else is wrong; a target that matches nothing (and nothing
    /// else) is a wrong setting; any other error is a problem with the migrations themselves.
    /// </summary>
    public static RunOutcome OfProblems(IReadOnlyList<Diagnostic> problems)
    {
        var errors = problems.Where(p => p.IsError).ToList();
        return errors.Count == 0 ? RunOutcome.Succeeded
            : errors.Any(e => e.Code is DiagnosticCodes.FailedMigration or DiagnosticCodes.CannotResume) ? RunOutcome.RepairNeeded
            : errors.All(e => e.Code == DiagnosticCodes.UnknownTarget) ? RunOutcome.UnknownTarget
            : RunOutcome.InvalidMigrations;
    }
}

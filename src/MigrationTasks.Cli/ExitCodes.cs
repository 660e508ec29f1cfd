using MigrationTasks.Execution;

namespace MigrationTasks.Cli;

/// <summary>
/// The process exit codes, one table in the README, each provoked by a test. The engine reports
/// outcomes; <see cref="Of"/> is the one place that turns an outcome into an exit code.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int Usage = 2;
    public const int InvalidMigrations = 3;
    public const int LockNotAcquired = 4;
    public const int DatabaseUnreachable = 5;
    public const int MigrationFailed = 6;
    public const int RepairNeeded = 7;

    /// <summary><c>migrations import</c>: the other tool's own history is dirty or has a failed migration.</summary>
    public const int ForeignHistoryNotClean = 8;

    /// <summary><c>migrations drift</c>, <c>up --check-drift</c>: the live schema differs from the one recorded.</summary>
    public const int Drift = 9;

    /// <summary>A fleet run stopped before every tenant started: a canary failed, --max-failures or --on-error fail stopped it, or a signal did.</summary>
    public const int RunIncomplete = 10;
    public const int Interrupted = 130;
    public const int Terminated = 143;

    /// <summary>The exit code of an outcome. A signal decides between 130 and 143 itself (<see cref="CliApp"/>).</summary>
    public static int Of(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Succeeded => Success,
        RunOutcome.InvalidSetting or RunOutcome.UnknownTarget => Usage,
        RunOutcome.InvalidMigrations => InvalidMigrations,
        RunOutcome.LockNotAcquired => LockNotAcquired,
        // The overall timeout reads like an unreachable database to a deployment: the run could not finish.
        RunOutcome.DatabaseUnreachable or RunOutcome.TimedOut => DatabaseUnreachable,
        RunOutcome.RolledBack => MigrationFailed,
        RunOutcome.RepairNeeded => RepairNeeded,
        RunOutcome.Cancelled => Interrupted,
        RunOutcome.ForeignHistoryNotClean => ForeignHistoryNotClean,
        RunOutcome.Drift => Drift,
        _ => InternalError,
    };
}

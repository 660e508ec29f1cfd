namespace MigrationTasks.Execution;

/// <summary>The process exit codes, one table in the README, each provoked by a test.</summary>
public static class ExitCodes
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
    public const int Interrupted = 130;
    public const int Terminated = 143;
}

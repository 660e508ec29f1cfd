using System.Globalization;

namespace MigrationTasks.Postgres.Resilience;

/// <summary>
/// Every attempt failed with a retryable error until the deadline passed. The last error is the
/// <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class RetriesExhaustedException : Exception
{
    public RetriesExhaustedException()
        : base("The operation did not succeed before the retry deadline.")
    {
    }

    public RetriesExhaustedException(string message)
        : base(message)
    {
    }

    public RetriesExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RetriesExhaustedException(int attempts, TimeSpan elapsed, Exception lastException)
        : this(DefaultMessage(attempts, elapsed, lastException), attempts, elapsed, lastException)
    {
    }

    public RetriesExhaustedException(string message, int attempts, TimeSpan elapsed, Exception lastException)
        : base(message, lastException)
    {
        Attempts = attempts;
        Elapsed = elapsed;
    }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>Time from the first attempt until giving up.</summary>
    public TimeSpan Elapsed { get; }

    private static string DefaultMessage(int attempts, TimeSpan elapsed, Exception lastException)
    {
        ArgumentNullException.ThrowIfNull(lastException);
        return string.Create(CultureInfo.InvariantCulture, $"Gave up after {attempts} attempt{(attempts == 1 ? "" : "s")} in {elapsed.TotalSeconds:0.0} s; the last error was: {RedactedDetail.Without(lastException.Message)}");
    }
}

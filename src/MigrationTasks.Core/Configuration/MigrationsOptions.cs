using System.Globalization;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Layouts;
using MigrationTasks.Lint;
using Keys = MigrationTasks.Configuration.ConfigurationKeys;

namespace MigrationTasks.Configuration;

/// <summary>
/// The typed options of a run with their one set of defaults, as migrations.yaml sets them. Read and
/// validated here, so `dotnet build` refuses an invalid file exactly as the CLI does; a front end
/// layers its own sources (flags, environment variables) over these values.
/// </summary>
public sealed record MigrationsOptions
{
    /// <summary>The default of both the overall timeout and the lock timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The longest timeout or delay: what .NET timers and PostgreSQL's millisecond settings can hold
    /// (int milliseconds, about 24.8 days), less a margin for the run's grace period. 0 means no limit.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(24);

    public static readonly string DurationRange = string.Create(CultureInfo.InvariantCulture,
        $"0 (no limit) or a duration up to {(long)MaxDuration.TotalSeconds} seconds (24 days)");

    public const string DefaultDirectory = "migrations";

    public static readonly MigrationsOptions Default = new();

    public string Directory { get; init; } = DefaultDirectory;

    public MigrationLayout? Layout { get; init; }

    /// <summary>The engines a migrations folder may be written for; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Engines = ["postgresql", "sqlite"];

    /// <summary>Null: the connection's engine, or PostgreSQL when there is none (the build).</summary>
    public string? Engine { get; init; }

    /// <summary>SQLite: where backups go; null for <c>&lt;database file&gt;.backups</c>.</summary>
    public string? BackupFolder { get; init; }

    public const int DefaultBackupKeep = 5;

    /// <summary>SQLite: how many automatic backups to keep.</summary>
    public int BackupKeep { get; init; } = DefaultBackupKeep;

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public TimeSpan LockTimeout { get; init; } = DefaultTimeout;

    /// <summary>Null: the provider's own default.</summary>
    public string? HistorySchema { get; init; }

    /// <summary>Null: the provider's own default.</summary>
    public string? HistoryTable { get; init; }

    /// <summary>Null: derived by the provider from database, schema and table.</summary>
    public long? LockKey { get; init; }

    /// <summary>Null: the server's setting.</summary>
    public TimeSpan? DefaultLockTimeout { get; init; }

    /// <summary>Null: the server's setting.</summary>
    public TimeSpan? DefaultStatementTimeout { get; init; }

    public MigrationRetry Retry { get; init; } = MigrationRetry.Default;

    public LintScope LintScope { get; init; } = LintScope.Everything;

    public static bool InRange(TimeSpan value) => value >= TimeSpan.Zero && value <= MaxDuration;

    /// <summary>The options <paramref name="file"/> sets over the defaults, and what is wrong with its values (with their line).</summary>
    public static (MigrationsOptions Options, IReadOnlyList<Diagnostic> Problems) Read(MigrationsConfiguration file)
    {
        var problems = new List<Diagnostic>();
        TimeSpan? Duration(string key)
        {
            if (file.Duration(key) is not { } value)
            {
                return null;
            }

            return InRange(value) ? value : Invalid(key, $"must be {DurationRange}");
        }

        TimeSpan? Invalid(string key, string problem)
        {
            var at = file.Values[key];
            problems.Add(Diagnostic.Error(DiagnosticCodes.InvalidConfiguration, $"'{key}' {problem}", file.Path, at.Line, at.Column));
            return null;
        }

        var retry = MigrationRetry.Default;
        if (file.Integer(Keys.RetryAttempts) is { } attempts)
        {
            if (attempts is >= 1 and <= 100)
            {
                retry = retry with { Attempts = (int)attempts };
            }
            else
            {
                Invalid(Keys.RetryAttempts, "must be between 1 and 100");
            }
        }

        retry = retry with { InitialDelay = Duration(Keys.RetryInitialDelay) ?? retry.InitialDelay, MaxDelay = Duration(Keys.RetryMaxDelay) ?? retry.MaxDelay };
        if (retry.InitialDelay > retry.MaxDelay)
        {
            Invalid(file.Values.ContainsKey(Keys.RetryInitialDelay) ? Keys.RetryInitialDelay : Keys.RetryMaxDelay,
                string.Create(CultureInfo.InvariantCulture, $"is more than {Keys.RetryMaxDelay} ({retry.MaxDelay.TotalSeconds:0.###} s): the first wait cannot be longer than the longest one"));
        }

        var engine = file.Text(Keys.Engine);
        if (engine is not null && !Engines.Contains(engine))
        {
            Invalid(Keys.Engine, $"must be one of {string.Join(", ", Engines)}, not '{engine}'");
        }

        // Read by the CLI's fleets only, checked here so that every command refuses it as it reads the file.
        if (file.Integer(Keys.TenantsParallel) is < 1 or > int.MaxValue)
        {
            Invalid(Keys.TenantsParallel, $"must be between 1 and {int.MaxValue}");
        }

        var keep = file.Integer(Keys.BackupKeep);
        if (keep is < 1 or > 1000)
        {
            Invalid(Keys.BackupKeep, "must be between 1 and 1000");
        }

        var options = new MigrationsOptions
        {
            Engine = engine is not null && Engines.Contains(engine) ? engine : null,
            BackupFolder = file.Text(Keys.BackupFolder),
            BackupKeep = keep is >= 1 and <= 1000 ? (int)keep : DefaultBackupKeep,
            Directory = file.Text(Keys.Directory) ?? DefaultDirectory,
            Layout = file.Layout(),
            Timeout = Duration(Keys.Timeout) ?? DefaultTimeout,
            LockTimeout = Duration(Keys.LockTimeout) ?? DefaultTimeout,
            HistorySchema = file.Text(Keys.HistorySchema),
            HistoryTable = file.Text(Keys.HistoryTable),
            LockKey = file.Integer(Keys.LockKey),
            DefaultLockTimeout = Duration(Keys.DefaultLockTimeout),
            DefaultStatementTimeout = Duration(Keys.DefaultStatementTimeout),
            Retry = retry,
            LintScope = file.LintScope(),
        };
        return (options, problems);
    }
}

using System.CommandLine;
using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Layouts;
using MigrationTasks.Lint;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.History;
using Keys = MigrationTasks.Configuration.ConfigurationKeys;

namespace MigrationTasks.Cli.Commands;

/// <summary>A resolved value and where it came from: a flag, an environment variable, <c>migrations.yaml:LINE</c>, or the default.</summary>
internal sealed record Setting<T>(T Value, string Source);

/// <summary>The environment a command runs in, and whether migrations.yaml protects it.</summary>
internal sealed record SelectedEnvironment(string Name, bool Protected, string Source);

/// <summary>
/// Every setting except the connection, resolved flag > environment variable > migrations.yaml >
/// default, each remembering its source for <c>migrations config</c>. Needs no database.
/// </summary>
internal sealed record EffectiveSettings(
    Setting<string?> ConfigFile,
    Setting<string> Directory,
    SelectedEnvironment? Environment,
    Setting<TimeSpan> Timeout,
    Setting<TimeSpan> LockTimeout,
    Setting<string> HistorySchema,
    Setting<string> HistoryTable,
    Setting<long?> LockKey,
    Setting<TimeSpan?> DefaultLockTimeout,
    Setting<TimeSpan?> DefaultStatementTimeout,
    Setting<MigrationRetry> Retry,
    IReadOnlyDictionary<string, DiagnosticSeverity?> LintSeverities)
{
    /// <summary>The layout forced by --format or 'format:'; null (the value) to detect it.</summary>
    public Setting<MigrationLayout?> Layout { get; init; } = new(null, Default);

    /// <summary>Which migrations the safety rules judge: lint.since and lint.enabled in migrations.yaml.</summary>
    public LintScope LintScope { get; init; } = LintScope.Everything;

    /// <summary>The engine migrations.yaml's 'engine:' names; null (the value) to go by the connection.</summary>
    public Setting<string?> Engine { get; init; } = new(null, "the connection's");

    /// <summary>SQLite: where backups go (null: next to the database file) and how many automatic ones to keep.</summary>
    public Setting<string?> BackupFolder { get; init; } = new(null, Default);

    public Setting<int> BackupKeep { get; init; } = new(MigrationsOptions.DefaultBackupKeep, Default);

    /// <summary>migrations.yaml as read (empty without one), for settings a command reads itself (the fleet's tenants:).</summary>
    public MigrationsConfiguration ConfigValues { get; init; } = MigrationsConfiguration.Empty;

    /// <summary><c>verify.allow_irreversible</c> in migrations.yaml.</summary>
    public bool AllowIrreversible { get; init; }

    /// <summary>The source of a value nobody set: neither a flag, nor a variable, nor migrations.yaml.</summary>
    public const string DefaultSource = "default";

    private const string Default = DefaultSource;

    public static EffectiveSettings Resolve(ParseResult parse, EnvironmentSettings environment)
    {
        var configFile = LocateConfig(parse, environment);
        var file = MigrationsConfiguration.Empty;
        if (configFile.Value is { } path)
        {
            var (loaded, diagnostics) = ConfigurationLoader.Load(path);
            if (diagnostics.Any(d => d.IsError))
            {
                throw new MigrationRunException(RunOutcome.InvalidSetting, diagnostics);
            }

            file = loaded;
        }

        // Core read and checked the file's values (ranges included); here only the flags and variables are layered over them.
        var options = MigrationsOptions.Read(file).Options;
        var layers = new SettingLayers(parse, environment, file);
        var retrySources = new[] { Keys.RetryAttempts, Keys.RetryInitialDelay, Keys.RetryMaxDelay }.Where(file.Values.ContainsKey).Select(file.SourceOf).ToList();
        return new EffectiveSettings(
            ConfigFile: configFile,
            Directory: layers.Flag(CliOptions.Directory) ?? layers.IfSet(Keys.Directory, layers.NextToFile(options.Directory)) ?? new(MigrationsOptions.DefaultDirectory, Default),
            Environment: SelectEnvironment(EnvironmentFlag(parse, layers, file) ?? layers.Variable(EnvironmentSettings.Environment), file),
            Timeout: layers.Seconds(CliOptions.Timeout) ?? layers.Duration(EnvironmentSettings.Timeout) ?? layers.File(Keys.Timeout, options.Timeout),
            LockTimeout: layers.Seconds(CliOptions.LockTimeout) ?? layers.Duration(EnvironmentSettings.LockTimeout) ?? layers.File(Keys.LockTimeout, options.LockTimeout),
            // PostgreSQL would cut a long name silently, and pg_temp would drop the history with the session.
            HistorySchema: layers.File(Keys.HistorySchema, options.HistorySchema ?? PostgresSettings.DefaultHistorySchema, problem: HistoryNames.SchemaProblem),
            HistoryTable: layers.File(Keys.HistoryTable, options.HistoryTable ?? PostgresSettings.DefaultHistoryTable, problem: HistoryNames.TableProblem),
            LockKey: layers.File(Keys.LockKey, options.LockKey, "derived from database, schema and table"),
            DefaultLockTimeout: layers.File(Keys.DefaultLockTimeout, options.DefaultLockTimeout, "server setting"),
            DefaultStatementTimeout: layers.File(Keys.DefaultStatementTimeout, options.DefaultStatementTimeout, "server setting"),
            Retry: new(options.Retry, retrySources.Count == 0 ? Default : string.Join(", ", retrySources)),
            LintSeverities: file.LintSeverities())
        {
            Layout = ResolveLayout(parse, file),
            LintScope = options.LintScope,
            Engine = layers.File(Keys.Engine, options.Engine, "the connection's"),
            BackupFolder = layers.File(Keys.BackupFolder, layers.NextToFile(options.BackupFolder)),
            BackupKeep = layers.File(Keys.BackupKeep, options.BackupKeep),
            ConfigValues = file,
            AllowIrreversible = file.AllowIrreversible(),
        };
    }

    private static Setting<MigrationLayout?> ResolveLayout(ParseResult parse, MigrationsConfiguration file)
    {
        if (parse.GetValue(CliOptions.Format) is { Length: > 0 } flag)
        {
            return MigrationLayouts.TryParse(flag, out var forced)
                ? new(forced, "--format")
                : throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                    $"--format '{flag}' is not a layout; use one of {string.Join(", ", MigrationLayouts.All)}"));
        }

        return file.Values.ContainsKey(Keys.Format) ? new(file.Layout(), file.SourceOf(Keys.Format)) : new(null, "detected from the files");
    }

    /// <summary>--config, then MIGRATION_CONFIG, then ./migrations.yaml when present; a named file that is missing is an error.</summary>
    private static Setting<string?> LocateConfig(ParseResult parse, EnvironmentSettings environment)
    {
        if (parse.GetValue(CliOptions.Config) is { Length: > 0 } flag)
        {
            return new(flag, "--config");
        }

        if (environment.Get(EnvironmentSettings.Config) is { } variable)
        {
            return new(variable, EnvironmentSettings.Config);
        }

        return File.Exists(ConfigurationLoader.DefaultFileName)
            ? new(ConfigurationLoader.DefaultFileName, "found in the working directory")
            : new(null, "none (no ./migrations.yaml)");
    }

    // An empty --environment (a CI variable that was not set) is refused, not read as "none": the pipeline meant to name an
    // environment, perhaps a protected one, and "none" would let its destructive commands run unprotected.
    private static Setting<string>? EnvironmentFlag(ParseResult parse, SettingLayers layers, MigrationsConfiguration file) =>
        parse.GetValue(CliOptions.Environment) is { } given && string.IsNullOrWhiteSpace(given)
            ? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"{CliOptions.Environment.Name} is empty; name an environment under 'environments:' in {file.Path ?? ConfigurationLoader.DefaultFileName} ({KnownEnvironments(file)}), or leave the option out"))
            : layers.Flag(CliOptions.Environment);

    private static string KnownEnvironments(MigrationsConfiguration file) =>
        file.Environments.Count == 0 ? "migrations.yaml defines none" : "known: " + string.Join(", ", file.Environments.Keys);

    // An unknown name is an error rather than "unprotected": a typo such as 'prod' for 'production' must not lift the protection.
    private static SelectedEnvironment? SelectEnvironment(Setting<string>? chosen, MigrationsConfiguration file)
    {
        if (chosen is not (var name, var source))
        {
            return null;
        }

        if (!file.Environments.TryGetValue(name, out var definition))
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.UnknownEnvironment,
                $"{source} names the environment '{name}', which is not under 'environments:' in migrations.yaml ({KnownEnvironments(file)}); add it there or fix the name"));
        }

        return new SelectedEnvironment(name, definition.Protected, $"{source}; protection from {Path.GetFileName(file.Path)}:{definition.Line}");
    }
}

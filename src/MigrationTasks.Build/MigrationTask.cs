using System.Reflection;
using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Lint;
using MigrationTasks.Dialects;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Sqlite.Dialect;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace MigrationTasks.Build;

/// <summary>
/// The base of every task: a sealed <see cref="Execute"/> that turns Core diagnostics into MSBuild
/// errors and warnings and succeeds exactly when none was an error. Only expected failures (a file
/// that cannot be read or written) become MT errors; anything else is a bug and crashes loudly.
/// </summary>
public abstract class MigrationTask : MSBuildTask
{
    /// <summary>The version written into bundle manifests.</summary>
    protected static readonly string ToolVersion =
        typeof(MigrationTask).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The migration files, usually the <c>Migration</c> item group; not required, so an empty folder is a warning, not MSB4044.</summary>
    public ITaskItem[] Migrations { get; set; } = [];

    /// <summary>migrations.yaml, whose <c>lint:</c> section sets rule severities; empty for the defaults.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The folder the Migration items are expected in (the project's $(MigrationsDirectory), full path); empty to skip the folder checks.</summary>
    public string? MigrationsDirectory { get; set; }

    /// <summary>The project, where the folder warnings point ($(MSBuildProjectFullPath); the task's own node is the .targets file).</summary>
    public string? ProjectFile { get; set; }

    /// <summary>Where lint findings are kept between builds ($(IntermediateOutputPath)); empty to lint every file each time.</summary>
    public string? LintCacheFile { get; set; }

    /// <summary>$(TreatWarningsAsErrors): every MT warning is an error, except those of <see cref="WarningsNotAsErrors"/> and <see cref="NoWarn"/>.</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>$(WarningsNotAsErrors): codes that stay warnings under <see cref="TreatWarningsAsErrors"/>.</summary>
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>$(NoWarn): codes MSBuild hides, which <see cref="TreatWarningsAsErrors"/> must not turn into errors.</summary>
    public string? NoWarn { get; set; }

    // Findings depend on the rules' code: any rebuild of the tasks or the dialects (a new module version id) starts afresh.
    private static readonly string RulesIdentity = string.Join(" ", new[] { typeof(LintPass), typeof(PostgresDialect), typeof(SqliteDialect) }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")).Prepend(ToolVersion));

    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogError("MigrationTasks", DiagnosticCodes.FileAccessFailed, DiagnosticCodes.FileAccessFailed, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0,
                $"{GetType().Name} could not read or write a file: {e.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    protected abstract void ExecuteCore();

    /// <summary>
    /// Reads the migrations, then lints them with the severities and scope of migrations.yaml: the set as
    /// read, and every problem to report (each file's lint findings after its own problems).
    /// </summary>
    protected (MigrationSet Set, IReadOnlyList<Diagnostic> Problems) LoadMigrations()
    {
        var files = Migrations
            .Select(item => item.GetMetadata("FullPath"))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (path, (ReadOnlyMemory<byte>)File.ReadAllBytes(path)))
            .ToList();
        var configuration = Configuration();
        // The build has no connection: migrations.yaml's 'engine:' says which SQL the files are written in.
        IMigrationDialect dialect = configuration?.Text(ConfigurationKeys.Engine) == "sqlite" ? SqliteDialect.Instance : PostgresDialect.Instance;
        var set = MigrationDirectory.LoadFiles(dialect, files, configuration?.Layout());
        var cache = string.IsNullOrEmpty(LintCacheFile) ? null : LintCache.Open(LintCacheFile, RulesIdentity);
        var findings = LintPass.Run(dialect, set, configuration?.LintSeverities(), configuration?.LintScope(), cache);
        if (cache is not null)
        {
            cache.Save();
            Log.LogMessage(MessageImportance.Low, $"MigrationTasks: linted {cache.Misses} file(s); the findings of the others came from {LintCacheFile}.");
        }

        return (set, findings.ReportedWith(set));
    }

    // Configuration errors are reported once here; the build then fails on them like on any other.
    private MigrationsConfiguration? Configuration()
    {
        if (string.IsNullOrEmpty(ConfigFile))
        {
            return null;
        }

        var (configuration, diagnostics) = ConfigurationLoader.Load(ConfigFile);
        Report(diagnostics);
        return configuration;
    }

    /// <summary>MT1000 (the folder is a file), MT1060 (no migrations) or MT1061 (the folder named in another case), pointing at the project.</summary>
    protected void ReportEmptyOrMiscasedFolder(int found)
    {
        if (!string.IsNullOrEmpty(MigrationsDirectory) && FolderNameCheck.Check(MigrationsDirectory, found, ProjectFile) is { } problem)
        {
            Report([problem]);
        }
    }

    protected void Report(IEnumerable<Diagnostic> diagnostics)
    {
        var warnings = new WarningPolicy(TreatWarningsAsErrors, WarningsNotAsErrors, NoWarn);
        foreach (var d in diagnostics.Select(BuildSteps.Instance.Fill).Select(Spelled))
        {
            // The code doubles as the help keyword, so an IDE can look it up; the help link opens its entry in docs/diagnostics.md.
            if (d.IsError || warnings.IsError(d.Code))
            {
                Log.LogError("MigrationTasks", d.Code, d.Code, DiagnosticHelp.LinkOf(d.Code), d.File, d.Line, d.Column, 0, 0, d.Message);
            }
            else
            {
                Log.LogWarning("MigrationTasks", d.Code, d.Code, DiagnosticHelp.LinkOf(d.Code), d.File, d.Line, d.Column, 0, 0, d.Message);
            }
        }
    }

    // The engine names a setting in words; a build user sets it as an MSBuild property (or in migrations.yaml).
    private static readonly Dictionary<string, string> SettingSpellings = new(StringComparer.Ordinal)
    {
        [SettingNames.Directory] = "the MigrationsDirectory property",
        [SettingNames.Layout] = "'format' in migrations.yaml",
        [SettingNames.ConfigFile] = "the MigrationsConfigFile property",
    };

    private static Diagnostic Spelled(Diagnostic d) => d.WithSettingSpelled(SettingSpellings);
}

using MigrationTasks.Bundles;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MigrationTasks.Build;

/// <summary>Writes the bundle (normalized migration files and manifest.json) that `migrations up --bundle` verifies and applies.</summary>
public sealed class BundleMigrations : MigrationTask
{
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Every file of the bundle, for FileWrites and clean.</summary>
    [Output]
    public ITaskItem[] Files { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var (set, problems) = LoadMigrations();
        Report(problems);
        if (problems.Any(d => d.IsError))
        {
            return;
        }

        // A deployment of an empty bundle applies nothing and says so only then: warn while publishing.
        ReportEmptyOrMiscasedFolder(set.Migrations.Count);
        if (Log.HasLoggedErrors)
        {
            return;
        }

        Files = [.. BundleWriter.Write(set, OutputDirectory, ToolVersion).Select(path => new TaskItem(path))];
        Log.LogMessage(MessageImportance.High, $"MigrationTasks: bundled {set.Migrations.Count} migration(s) into {OutputDirectory}");
    }
}

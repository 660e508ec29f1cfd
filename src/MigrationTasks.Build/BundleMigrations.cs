using System.Text;
using MigrationTasks.Bundles;
using MigrationTasks.Files;
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

    /// <summary>The list of bundle files `dotnet clean` deletes (in any publish folder): this bundle's are added, each line once; empty for none.</summary>
    public string? FileList { get; set; }

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
        List(Files.Select(file => file.GetMetadata("FullPath")));
        Log.LogMessage(MessageImportance.High, $"MigrationTasks: bundled {set.Migrations.Count} migration(s) into {OutputDirectory}");
    }

    // The lines already there stay (an earlier publish folder, the bundle on build), so clean still finds those files;
    // written only when it changes, so an incremental publish touches nothing.
    private void List(IEnumerable<string> files)
    {
        if (string.IsNullOrEmpty(FileList))
        {
            return;
        }

        var listed = File.Exists(FileList) ? File.ReadAllLines(FileList) : [];
        var lines = listed.Concat(files).Distinct(StringComparer.Ordinal).ToList();
        if (!lines.SequenceEqual(listed, StringComparer.Ordinal))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FileList))!);
            AtomicFile.Write(FileList, Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + Environment.NewLine))));
        }
    }
}

using MigrationTasks.Sums;
using Microsoft.Build.Framework;

namespace MigrationTasks.Build;

/// <summary>
/// Checks every migration (names, duplicates, directives, encoding, unterminated tokens, statements
/// that cannot run in a transaction, the lint rules with the severities of <see cref="MigrationTask.ConfigFile"/>) and compares them with migrations.sum, appending new ones
/// unless <see cref="SumReadOnly"/> (a CI build) forbids writing.
/// </summary>
public sealed class ValidateMigrations : MigrationTask
{
    /// <summary>migrations.sum; empty to skip the sum check.</summary>
    public string? SumFile { get; set; }

    /// <summary>True on CI: an out-of-date sum file is an error instead of being written.</summary>
    public bool SumReadOnly { get; set; }

    protected override void ExecuteCore()
    {
        var (set, problems) = LoadMigrations();
        Report(problems);
        ReportEmptyOrMiscasedFolder(set.Migrations.Count);
        if (string.IsNullOrEmpty(SumFile))
        {
            return;
        }

        var result = SumCheck.Run(set with { Diagnostics = problems }, SumFile, SumReadOnly ? SumMode.Verify : SumMode.Append);
        Report(result.Diagnostics);
        if (result.UpdatedText is not null && !SumReadOnly)
        {
            Log.LogMessage(MessageImportance.High, $"MigrationTasks: recorded {result.Unrecorded.Count} new migration(s) in {SumFile}; commit it with them.");
        }
    }
}

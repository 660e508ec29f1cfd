using MigrationTasks.Sums;
using Microsoft.Build.Framework;

namespace MigrationTasks.Build;

/// <summary>Rewrites migrations.sum from the files as they are: how a change to a recorded migration is accepted on purpose.</summary>
public sealed class UpdateMigrationsSum : MigrationTask
{
    [Required]
    public string SumFile { get; set; } = "";

    protected override void ExecuteCore()
    {
        var (set, problems) = LoadMigrations();
        Report(problems);
        var result = SumCheck.Run(set, SumFile, SumMode.Rewrite);
        Report(result.Diagnostics);
        if (result.UpdatedText is not null)
        {
            Log.LogMessage(MessageImportance.High, $"MigrationTasks: wrote {SumFile} with {set.Migrations.Count} migration(s).");
        }
    }
}

using MigrationTasks.Files;

namespace MigrationTasks.Bundles;

/// <summary>
/// The repository a bundle is built from: the nearest folder above the migrations that holds <c>.git</c>
/// (a folder, or a file in a worktree or submodule). A bundle's source paths are relative to it, which is
/// what a GitHub annotation needs (the workspace is the repository's checkout).
/// </summary>
public static class SourceRoot
{
    /// <returns>The repository root, or null when the migrations are not in a git checkout (or not read from files).</returns>
    public static string? Of(MigrationSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var first = set.Migrations.Count > 0 ? set.Migrations[0].Up.Path : null;
        if (first is null || !Path.IsPathFullyQualified(first))
        {
            return null;
        }

        for (var folder = Path.GetDirectoryName(first); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var git = Path.Combine(folder, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder;
            }
        }

        return null;
    }
}

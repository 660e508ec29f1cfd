namespace MigrationTasks.Cli.Tests.Support.Folders;

/// <summary>
/// A golang-migrate folder of the <see cref="RealWorldMigrations"/>: timestamp versions, an up and a
/// down file per migration, BEGIN/COMMIT and CONCURRENTLY files without any directive.
/// </summary>
internal static class GolangMigrateFolder
{
    /// <summary>Writes <paramref name="migrations"/> migrations (twice as many files); returns the folder and the last version.</summary>
    public static (Migrations Folder, string LastVersion) Create(int migrations)
    {
        var folder = new Migrations();
        var version = "";
        foreach (var migration in RealWorldMigrations.Create(migrations))
        {
            version = RealWorldMigrations.TimestampOf(migration);
            folder.Add($"{version}_{migration.Name}.up.sql", migration.Up).Add($"{version}_{migration.Name}.down.sql", migration.Down);
        }

        return (folder, version);
    }

    /// <summary>golang-migrate's own algorithm: each up file, in version order, sent whole as one query.</summary>
    public static IEnumerable<string> UpFilesInOrder(Migrations folder) =>
        Directory.EnumerateFiles(folder.Path, "*.up.sql").Order(StringComparer.Ordinal).Select(File.ReadAllText);
}

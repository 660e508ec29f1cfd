namespace MigrationTasks.Cli.Tests.Support.Folders;

/// <summary>
/// A node-pg-migrate folder of SQL migrations of the <see cref="RealWorldMigrations"/> (their
/// transactional form: node-pg-migrate runs a SQL file's up section in a transaction, with no way to
/// opt out): <c>&lt;milliseconds&gt;_&lt;name&gt;.sql</c> with <c>-- Up Migration</c> and <c>-- Down Migration</c>.
/// </summary>
internal static class NodePgMigrateFolder
{
    private const string DownMarker = "-- Down Migration";

    public static Migrations Create(int migrations)
    {
        var folder = new Migrations();
        foreach (var migration in RealWorldMigrations.Create(migrations, transactionalOnly: true))
        {
            folder.Add($"{1_550_000_000_000 + (migration.Index * 86_400_000L)}_{migration.Name}.sql", $"-- Up Migration\n{migration.Up}\n{DownMarker}\n{migration.Down}");
        }

        return folder;
    }

    /// <summary>
    /// node-pg-migrate's own algorithm with its defaults (single transaction): every file's up section,
    /// in file name order (same-width millisecond prefixes), one after the other in one transaction.
    /// node-pg-migrate itself runs instead when the test run names it (<see cref="RealTool"/>).
    /// </summary>
    public static Task ApplyAsNodePgMigrateDoesAsync(Migrations folder, Testing.TestDatabase database) =>
        RealTool.NodePgMigrate?.UpAsync(folder, database) ?? Psql.RunInTransactionAsync(database, string.Join("\n;\n", Directory.EnumerateFiles(folder.Path, "*.sql").Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).Split(DownMarker)[0])));
}

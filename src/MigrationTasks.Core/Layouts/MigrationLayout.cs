namespace MigrationTasks.Layouts;

/// <summary>
/// How a migrations folder is laid out: ours, or another tool's, run as it is (docs/adopting.md).
/// golang-migrate's <c>.up.sql</c> / <c>.down.sql</c> spelling is part of our own layout too.
/// </summary>
public enum MigrationLayout
{
    MigrationTasks,
    GolangMigrate,
    Dbmate,
    Flyway,
    Drizzle,
    NodePgMigrate,
}

/// <summary>The names users write for a layout: <c>--format dbmate</c>, <c>format: flyway</c>.</summary>
public static class MigrationLayouts
{
    public const string Auto = "auto";

    private static readonly (MigrationLayout Layout, string Name)[] Names =
    [
        (MigrationLayout.MigrationTasks, "migrationtasks"),
        (MigrationLayout.GolangMigrate, "golang-migrate"),
        (MigrationLayout.Dbmate, "dbmate"),
        (MigrationLayout.Flyway, "flyway"),
        (MigrationLayout.Drizzle, "drizzle"),
        (MigrationLayout.NodePgMigrate, "node-pg-migrate"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name).Prepend(Auto);

    public static string NameOf(MigrationLayout layout) => Names.First(n => n.Layout == layout).Name;

    /// <summary>Reads a layout name; <c>auto</c> (or nothing) gives null, meaning "detect it".</summary>
    public static bool TryParse(string? name, out MigrationLayout? layout)
    {
        layout = null;
        if (string.IsNullOrEmpty(name) || name == Auto)
        {
            return true;
        }

        foreach (var (candidate, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                layout = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the folder is read by our own file-name rules (golang-migrate's spelling is one of them).</summary>
    public static bool IsNative(this MigrationLayout layout) => layout is MigrationLayout.MigrationTasks or MigrationLayout.GolangMigrate;
}

namespace MigrationTasks.Import;

/// <summary>The tools whose history table <c>migrations import</c> reads.</summary>
public enum ImportTool
{
    GolangMigrate,
    Dbmate,
    Flyway,
    Drizzle,
    NodePgMigrate,
    TypeOrm,
    EfCore,
}

public static class ImportTools
{
    private static readonly Dictionary<string, ImportTool> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["golang-migrate"] = ImportTool.GolangMigrate,
        ["dbmate"] = ImportTool.Dbmate,
        ["flyway"] = ImportTool.Flyway,
        ["drizzle"] = ImportTool.Drizzle,
        ["node-pg-migrate"] = ImportTool.NodePgMigrate,
        ["typeorm"] = ImportTool.TypeOrm,
        ["efcore"] = ImportTool.EfCore,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string name, out ImportTool tool) => ByName.TryGetValue(name, out tool);

    /// <summary>The name users type after <c>--from</c>, also written as <c>source = import:&lt;name&gt;</c>.</summary>
    public static string NameOf(ImportTool tool) => ByName.First(p => p.Value == tool).Key;
}

namespace MigrationTasks.Layouts;

/// <summary>
/// Flyway's per-script configuration: <c>V1__init.sql.conf</c> next to <c>V1__init.sql</c>, lines of
/// <c>key=value</c>. Only <c>executeInTransaction=false</c> changes how a script runs; the other keys
/// (encoding, placeholders) are Flyway's own business and are left alone.
/// </summary>
public static class FlywayScriptConfig
{
    public const string NoTransactionSetting = "executeInTransaction=false";

    /// <summary>What asks for no transaction for the script at <paramref name="scriptPath"/>, or null.</summary>
    public static string? NoTransactionBy(string scriptPath)
    {
        var path = scriptPath + ".conf";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "executeInTransaction" && parts[1].Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return $"Flyway {NoTransactionSetting} in {Path.GetFileName(path)}";
            }
        }

        return null;
    }
}

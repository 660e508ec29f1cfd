namespace MigrationTasks.Cli.Tests.Support;

/// <summary>Writes drizzle-kit's meta/_journal.json for a folder, one entry per (when, tag), in the format drizzle-kit 0.2x writes.</summary>
internal static class DrizzleJournal
{
    public static void Write(Migrations migrations, params (long When, string Tag)[] entries)
    {
        Directory.CreateDirectory(Path.Combine(migrations.Path, "meta"));
        var lines = entries.Select((e, i) => $"  {{\"idx\":{i},\"version\":\"7\",\"when\":{e.When},\"tag\":\"{e.Tag}\",\"breakpoints\":true}}");
        File.WriteAllText(Path.Combine(migrations.Path, "meta", "_journal.json"),
            "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[\n" + string.Join(",\n", lines) + "]}\n");
    }
}

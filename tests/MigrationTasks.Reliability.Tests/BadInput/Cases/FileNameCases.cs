using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>Misnamed files, duplicate versions and folders that are missing, empty or escape through a symlink.</summary>
internal static class FileNameCases
{
    public static IEnumerable<BadInputCase> All()
    {
        yield return BadName("a space in the name", "0030_bad name.sql", ["up"]);
        yield return BadName("no version", "create_things.sql", ["up"]);
        yield return BadName("a letter in the version", "00a3_things.sql", ["status"]);
        yield return BadName("upper-case extension", "0030_things.SQL", ["plan"]);
        yield return BadName("an empty name", "0030_.sql", ["up"]);
        yield return BadName("a non-ASCII symbol in the name (letters of any script are names)", "0030_t€ble.sql", ["lint"]);
        yield return BadName("a negative version", "-30_things.sql", ["down"]);
        yield return BadName("a misnamed file before baseline", "0030 things.sql", ["baseline", "--version", "0020"]) with { Fresh = true };

        yield return Of("a down file without an up file", ["up"], ws => ws.Write("0090_orphan.down.sql", "DROP TABLE x;"),
            3, "MT1003", "0090_orphan.down.sql");
        yield return Of("a duplicate version", ["up"], ws => ws.Write("0020_other.sql", "SELECT 1;"), 3, "MT1002", "0020_other.sql");
        yield return Of("a duplicate version padded differently", ["status"], ws => ws.Write("20_orders_again.sql", "SELECT 1;"), 3, "MT1002", "20_orders_again.sql");
        yield return Of("a duplicate version in both spellings (.sql and .up.sql)", ["up"],
            ws => ws.Write("0030_a.sql", "SELECT 1;").Write("0030_a.up.sql", "SELECT 2;"), 3, "MT1002", "0030_a.up.sql");
        yield return Of("a duplicate version, lint", ["lint"], ws => ws.Write("0010_again.sql", "SELECT 1;"), 3, "MT1002", "0010_create_users.sql");

        yield return Of("an empty folder while migrations are applied", ["up"], EmptyFolder, 3, "MT2002");
        yield return Of("an empty folder while migrations are applied, status", ["status"], EmptyFolder, 3, "MT2002");
        yield return Of("a missing folder", ["up"], ws => Directory.Delete(ws.Dir, recursive: true), 3, "MT1000");
        yield return Of("a symlink to a file outside the folder", ["up"], ws => LinkOutside(ws, "0030_escape.sql"), 3, "MT1021", "0030_escape.sql");
        yield return Of("a symlink to a file outside the folder, lint", ["lint"], ws => LinkOutside(ws, "0030_escape.sql"), 3, "MT1021", "0030_escape.sql");
        yield return Of("a dangling symlink", ["plan"],
            ws => File.CreateSymbolicLink(Path.Combine(ws.Dir, "0030_gone.sql"), Path.Combine(ws.Dir, "no-such-file.txt")), 3, "MT1019", "0030_gone.sql");
    }

    private static BadInputCase BadName(string what, string file, string[] command) =>
        Of($"file name: {what} ({command[0]})", command, ws => ws.Write(file, "CREATE TABLE t (id int);"), 3, "MT1001", file);

    private static void EmptyFolder(CaseWorkspace ws)
    {
        foreach (var file in Directory.GetFiles(ws.Dir))
        {
            File.Delete(file);
        }
    }

    // The target sits next to the folder, as a checkout's other files do: applying it would run SQL nobody reviewed as a migration.
    private static void LinkOutside(CaseWorkspace ws, string name)
    {
        var outside = Path.Combine(ws.Root, "outside.sql");
        File.WriteAllText(outside, "CREATE TABLE escaped (id int);");
        File.CreateSymbolicLink(Path.Combine(ws.Dir, name), outside);
    }
}

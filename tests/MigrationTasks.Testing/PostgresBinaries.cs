// Finds the PostgreSQL server programs. Debian keeps initdb and pg_ctl out of PATH
// (only under /usr/lib/postgresql/<version>/bin), so PATH alone is not enough.
namespace MigrationTasks.Testing;

internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    /// <summary>Pins the directory holding initdb and pg_ctl, e.g. to test against one major version.</summary>
    public const string DirectoryVariable = "MIGRATIONTASKS_PG_BIN";

    public static PostgresBinaries? Find()
    {
        foreach (var dir in CandidateDirectories())
        {
            var initDb = Path.Combine(dir, "initdb");
            var pgCtl = Path.Combine(dir, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        return null;
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } pinned)
        {
            yield return pinned;
            yield break;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }

        // Highest major version first: /usr/lib/postgresql/17/bin before .../15/bin.
        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            yield break;
        }

        var versions = Directory.GetDirectories(debianRoot)
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .OrderByDescending(x => x.Version);
        foreach (var (dir, _) in versions)
        {
            yield return Path.Combine(dir, "bin");
        }
    }
}

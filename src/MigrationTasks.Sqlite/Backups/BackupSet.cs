using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace MigrationTasks.Sqlite.Backups;

/// <summary>
/// The backups of one database file, in <see cref="SqliteSettings.EffectiveBackupFolder"/>:
/// automatic ones as <c>&lt;database&gt;-&lt;utc timestamp&gt;.db</c> (the newest
/// <see cref="SqliteSettings.KeepBackups"/> kept), named snapshots in <c>snapshots/&lt;name&gt;.db</c>
/// (never rotated). Each is written through SQLite's online backup API to a <c>.partial</c> file and
/// renamed when complete, so a runner killed mid-backup leaves the database and the set untouched.
/// </summary>
public sealed class BackupSet(SqliteSettings settings)
{
    private const string TimestampFormat = "yyyyMMdd'T'HHmmssfff'Z'";
    private const string PartialSuffix = ".partial";

    private string Folder => settings.EffectiveBackupFolder;

    private string SnapshotFolder => Path.Combine(Folder, "snapshots");

    private string Prefix => Path.GetFileNameWithoutExtension(settings.DatabasePath) + "-";

    // Exactly the names this set writes (prefix, then the timestamp): a wildcard would also take a file
    // someone put in the folder, or the backups of another database whose name starts the same
    // (app-2.db next to app.db, in a shared backup.folder), and rotation would delete them.
    private Regex AutomaticName => new($"^{Regex.Escape(Prefix)}[0-9]{{8}}T[0-9]{{9}}Z\\.db$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Takes an automatic backup of the open database and rotates the older ones, except <paramref name="spare"/>:
    /// the backup a restore by hand is about to read, which may well be the oldest (the next rotation deletes it).
    /// </summary>
    public BackupFile TakeAutomatic(SqliteConnection database, BackupFile? spare = null)
    {
        // What a runner killed mid-backup left: taken under the lease, so no other runner is writing one now.
        if (Directory.Exists(Folder))
        {
            foreach (var partial in Directory.EnumerateFiles(Folder, Prefix + "*.db" + PartialSuffix))
            {
                if (AutomaticName.IsMatch(Path.GetFileName(partial)[..^PartialSuffix.Length]))
                {
                    File.Delete(partial);
                }
            }
        }

        var name = Prefix + settings.Time.GetUtcNow().ToString(TimestampFormat, CultureInfo.InvariantCulture);
        var taken = Write(database, Path.Combine(Folder, name + ".db"), snapshot: false);
        // The one just taken is never rotated away, even when the clock has gone back since an older one.
        foreach (var old in Automatic().Where(b => b.Path != taken.Path).Skip(Math.Max(settings.KeepBackups, 1) - 1).Where(b => b.Path != spare?.Path))
        {
            File.Delete(old.Path);
            // What SQLite left beside a backup it read in WAL mode (versions before backups were written in rollback mode).
            File.Delete(old.Path + "-wal");
            File.Delete(old.Path + "-shm");
        }

        return taken;
    }

    /// <summary>Takes a named snapshot; a name already taken is refused rather than overwritten.</summary>
    public BackupFile TakeSnapshot(SqliteConnection database, string name)
    {
        // What the message says, on every system: Linux alone took a backslash, '*', ':' or a space, which other systems' file names cannot hold.
        if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{name}' cannot name a snapshot file; use letters, digits, '-' and '_'");
        }

        // 'backups restore' finds an automatic backup first: a snapshot spelled like one could never be restored by its name.
        if (AutomaticName.IsMatch(name + ".db"))
        {
            throw new ArgumentException($"'{name}' is spelled like an automatic backup's name, which 'backups restore' would take instead; choose another name");
        }

        var path = Path.Combine(SnapshotFolder, name + ".db");
        return File.Exists(path)
            ? throw new ArgumentException($"a snapshot named '{name}' exists already ({path}); choose another name or delete it first")
            : Write(database, path, snapshot: true);
    }

    /// <summary>Every backup, newest first: the automatic ones, then the snapshots.</summary>
    public IReadOnlyList<BackupFile> List() => [.. Automatic(), .. Snapshots()];

    /// <summary>The backup with this name (file name without .db), or null.</summary>
    public BackupFile? Find(string name) => List().FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.Ordinal));

    /// <summary>Copies a backup over the open database, page by page, through the backup API.</summary>
    public static void Restore(BackupFile backup, SqliteConnection database)
    {
        ArgumentNullException.ThrowIfNull(backup);
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        source.Open();
        source.BackupDatabase(database);
    }

    private static BackupFile Write(SqliteConnection database, string path, bool snapshot)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + PartialSuffix;
        File.Delete(partial);
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            target.Open();
            database.BackupDatabase(target);
            // A copy of a WAL-mode database is in WAL mode too, and reading it needs a -shm file beside it: a restore
            // from a folder the runner cannot write failed (SQLITE_READONLY), and one that could write left -wal and
            // -shm files there. In rollback mode a backup is one self-contained file; a restore into a WAL-mode
            // database keeps that database in WAL mode (the backup API keeps the destination's journal mode).
            using var rollbackMode = target.CreateCommand();
            rollbackMode.CommandText = "PRAGMA journal_mode = DELETE";
            rollbackMode.ExecuteNonQuery();
        }

        File.Move(partial, path);
        return Describe(path, snapshot);
    }

    private IEnumerable<BackupFile> Automatic()
    {
        var name = AutomaticName;
        return Files(Folder, Prefix + "*.db", snapshot: false).Where(b => name.IsMatch(Path.GetFileName(b.Path)));
    }

    private IEnumerable<BackupFile> Snapshots() => Files(SnapshotFolder, "*.db", snapshot: true);

    private static IEnumerable<BackupFile> Files(string folder, string pattern, bool snapshot) =>
        Directory.Exists(folder)
            // Automatic names end in a UTC timestamp, so their order is the order they were taken.
            ? snapshot
                ? Directory.EnumerateFiles(folder, pattern).Select(p => Describe(p, snapshot)).OrderByDescending(b => b.TakenAt)
                : Directory.EnumerateFiles(folder, pattern).Select(p => Describe(p, snapshot)).OrderByDescending(b => b.Name, StringComparer.Ordinal)
            : [];

    private static BackupFile Describe(string path, bool snapshot)
    {
        var info = new FileInfo(path);
        return new BackupFile(Path.GetFileNameWithoutExtension(path), path, info.LastWriteTimeUtc, info.Length, snapshot);
    }
}

namespace MigrationTasks.Schema;

/// <summary>
/// A database schema reduced to canonical text, one line per object (<see cref="SchemaLine"/>) sorted
/// ordinally under a version <see cref="Header"/>, and the SHA-256 of that text as <c>sha256:&lt;hex&gt;</c>.
/// Two databases with the same schema have the same fingerprint whatever their names, owners or settings.
/// </summary>
public sealed record SchemaFingerprint(string Hash, string Text)
{
    /// <summary>The first line; a change to what a line holds changes the version, so old and new are never compared as equal.</summary>
    public const string Header = "-- migrationtasks schema fingerprint v1";

    /// <summary>The object lines, without the header.</summary>
    public IReadOnlyList<SchemaLine> Lines { get; } = Text.Split('\n').Skip(1).Where(l => l.Length > 0).Select(SchemaLine.Parse).ToList();

    /// <summary>Whether <paramref name="other"/> was written by the same fingerprint version, so a comparison means something.</summary>
    public bool SameVersionAs(SchemaFingerprint other) =>
        Text.Split('\n', 2)[0] == other.Text.Split('\n', 2)[0];
}

/// <summary>The fingerprint recorded with an applied migration's history row (null when that row has none).</summary>
public sealed record RecordedSchema(Files.MigrationVersion Version, string Name, SchemaFingerprint? Fingerprint);

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

    /// <summary>
    /// The fingerprint of lines described off the server (SQLite): sorted ordinally under the header and hashed, as the
    /// PostgreSQL query does on the server (its COLLATE "C" order is the same for every character below U+E000).
    /// </summary>
    public static SchemaFingerprint Of(IEnumerable<string> lines)
    {
        var sorted = lines.ToList();
        sorted.Sort(StringComparer.Ordinal);
        // Joined from a list, whose length is known: joining an enumerable grew its buffer by copies, and for a thousand
        // tables (a text of about 150,000 characters) that was most of the fingerprint's time on SQLite.
        sorted.Insert(0, Header);
        var text = string.Join('\n', System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sorted));
        return new SchemaFingerprint("sha256:" + Convert.ToHexStringLower(Checksums.Sha256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), text);
    }

    /// <summary>The object lines, without the header; parsed when first asked (drift, dump), since recording the fingerprint at the end of a run needs only the hash and the text.</summary>
    public IReadOnlyList<SchemaLine> Lines => _lines ??= Text.Split('\n').Skip(1).Where(l => l.Length > 0).Select(SchemaLine.Parse).ToList();

    private IReadOnlyList<SchemaLine>? _lines;

    /// <summary>Whether <paramref name="other"/> was written by the same fingerprint version, so a comparison means something.</summary>
    public bool SameVersionAs(SchemaFingerprint other) =>
        Text.Split('\n', 2)[0] == other.Text.Split('\n', 2)[0];
}

/// <summary>The fingerprint recorded with an applied migration's history row (null when that row has none).</summary>
public sealed record RecordedSchema(Files.MigrationVersion Version, string Name, SchemaFingerprint? Fingerprint)
{
    /// <summary>As the folder writes it ("0003"), once <see cref="DriftCheck"/> has the files; the history keeps only the canonical "3".</summary>
    public string VersionText { get; init; } = Version.Value;
}

using MigrationTasks.Files;

namespace MigrationTasks.Checksums;

/// <summary>
/// The checksum of the first statements of a script. A failed no-transaction migration records it
/// for the statements that completed; resuming is safe only while they still read the same.
/// </summary>
public static class StatementPrefix
{
    /// <summary>Marks the progress of a down script, so that <c>up --resume</c> never mistakes it for the up script's.</summary>
    public const string DownMarker = "down:";

    public static string Checksum(MigrationScript script, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, script.Statements.Count);

        // Statement texts never contain an unquoted ';' at their ends, so joining with one is unambiguous.
        return Checksums.Checksum.Of(string.Join(";\n", script.Statements.Take(count).Select(s => s.Text)));
    }
}

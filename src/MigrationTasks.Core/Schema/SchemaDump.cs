using System.Text;

namespace MigrationTasks.Schema;

/// <summary>
/// <c>migrations dump</c>: a fingerprint as text for people, committed next to the migrations so that a pull
/// request's diff shows what its migration does to the schema. A pure function of the canonical text, so
/// the same schema gives the same bytes (LF line ends, no BOM) on every machine and server setting.
/// </summary>
public static class SchemaDump
{
    /// <summary>Attributes that are SQL the server wrote: printed as statements, the rest as comments.</summary>
    private static readonly HashSet<string> Statements = new(StringComparer.Ordinal) { "definition" };

    /// <param name="source">Where the schema was read, as the header names it ("pg_catalog", "the SQLite schema").</param>
    /// <param name="writer">What wrote the file, as its users call it ("'migrations dump'").</param>
    public static string Render(SchemaFingerprint fingerprint, string source, string writer)
    {
        var text = new StringBuilder();
        text.Append(SchemaFingerprint.Header).Append('\n');
        text.Append("-- ").Append(fingerprint.Hash).Append('\n');
        text.Append("-- Written by ").Append(writer).Append(" from ").Append(source).Append(", one block per object; for review, not to be run.\n");
        foreach (var line in fingerprint.Lines)
        {
            text.Append('\n').Append("-- ").Append(line.Kind).Append(' ').Append(line.Identity).Append('\n');
            foreach (var (name, value) in line.Attributes.Where(a => !Statements.Contains(a.Key)))
            {
                foreach (var part in value.Split('\n'))
                {
                    text.Append("--   ").Append(name).Append(": ").Append(part).Append('\n');
                }
            }

            foreach (var (_, value) in line.Attributes.Where(a => Statements.Contains(a.Key)))
            {
                var statement = value.TrimEnd();
                text.Append(statement).Append(statement.EndsWith(';') ? "\n" : ";\n");
            }
        }

        return text.ToString();
    }
}

using MigrationTasks.Text;

namespace MigrationTasks.Schema;

/// <summary>
/// One object of a fingerprint: its kind (table, column, index ...), its identity (schema-qualified name,
/// with the table for a column, constraint, trigger or policy), and its attributes in the order written.
/// On the wire it is <c>kind TAB identity (TAB name=value)*</c> with <c>\\ \n \r \t</c> escaped in values.
/// </summary>
public sealed record SchemaLine(string Kind, string Identity, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>Kind and identity: what a comparison matches lines on.</summary>
    public string Key => Kind + " " + Identity;

    public string? this[string name] => Attributes.FirstOrDefault(a => a.Key == name).Value;

    public static SchemaLine Parse(string line)
    {
        var fields = line.Split('\t');
        var attributes = fields.Skip(2)
            .Select(f => f.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(p[0], TabField.Unescape(p.Length > 1 ? p[1] : "")))
            .ToList();
        return new SchemaLine(fields[0], fields.Length > 1 ? TabField.Unescape(fields[1]) : "", attributes);
    }

    /// <summary>The line as written: <c>kind TAB identity (TAB name=value)*</c>, values escaped; a null value leaves its attribute out.</summary>
    public static string Format(string kind, string identity, params (string Name, string? Value)[] attributes) =>
        kind + "\t" + TabField.Escape(identity) + string.Concat(attributes.Where(a => a.Value is not null).Select(a => $"\t{a.Name}={TabField.Escape(a.Value!)}"));
}

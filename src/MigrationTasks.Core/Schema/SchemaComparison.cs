namespace MigrationTasks.Schema;

/// <summary>How an object differs between an expected schema and the live one.</summary>
public enum SchemaChange
{
    /// <summary>In the live schema only (<c>+</c>).</summary>
    Extra,

    /// <summary>Expected but absent from the live schema (<c>-</c>).</summary>
    Missing,

    /// <summary>In both, with different attributes (<c>~</c>).</summary>
    Changed,
}

/// <summary>One object that differs, with the attributes that changed (for <see cref="SchemaChange.Changed"/>).</summary>
public sealed record SchemaDifference(SchemaChange Change, string Kind, string Identity, IReadOnlyList<string> Attributes)
{
    public string Sign => Change switch { SchemaChange.Extra => "+", SchemaChange.Missing => "-", _ => "~" };

    /// <summary>One line for a person: <c>~ trigger public.orders.audit (enabled)</c>.</summary>
    public override string ToString() =>
        $"{Sign} {Kind} {Identity}" + (Attributes.Count > 0 ? $" ({string.Join(", ", Attributes)})" : "");
}

/// <summary>Compares two fingerprints object by object.</summary>
public static class SchemaComparison
{
    /// <returns>The differences, ordered by kind and identity; empty when the fingerprints are equal.</returns>
    public static IReadOnlyList<SchemaDifference> Compare(SchemaFingerprint expected, SchemaFingerprint live)
    {
        if (expected.Hash == live.Hash)
        {
            return [];
        }

        var before = ByKey(expected);
        var after = ByKey(live);
        var differences = new List<SchemaDifference>();
        foreach (var line in expected.Lines.Where(l => !after.ContainsKey(l.Key)))
        {
            differences.Add(new SchemaDifference(SchemaChange.Missing, line.Kind, line.Identity, []));
        }

        foreach (var line in live.Lines)
        {
            if (!before.TryGetValue(line.Key, out var old))
            {
                differences.Add(new SchemaDifference(SchemaChange.Extra, line.Kind, line.Identity, []));
            }
            else if (ChangedAttributes(old, line) is { Count: > 0 } changed)
            {
                differences.Add(new SchemaDifference(SchemaChange.Changed, line.Kind, line.Identity, changed));
            }
        }

        return differences
            .OrderBy(d => d.Kind, StringComparer.Ordinal)
            .ThenBy(d => d.Identity, StringComparer.Ordinal)
            .ThenBy(d => d.Change)
            .ToList();
    }

    // A key the catalog somehow repeats must not end the check: the first line of it is compared.
    private static Dictionary<string, SchemaLine> ByKey(SchemaFingerprint fingerprint)
    {
        var lines = new Dictionary<string, SchemaLine>(StringComparer.Ordinal);
        foreach (var line in fingerprint.Lines)
        {
            lines.TryAdd(line.Key, line);
        }

        return lines;
    }

    private static List<string> ChangedAttributes(SchemaLine before, SchemaLine after) =>
        before.Attributes.Select(a => a.Key).Union(after.Attributes.Select(a => a.Key), StringComparer.Ordinal)
            .Where(name => before[name] != after[name])
            .Order(StringComparer.Ordinal)
            .ToList();
}

using System.Text.Json;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Fleets;

/// <summary>
/// The tenants of a fleet, read from a file or a query and checked once: a duplicate key is an error
/// (two runs would race on one tenant, or one would be skipped silently), and so is an empty list
/// unless allowed (a query that finds nothing more often means a wrong query than no customers).
/// </summary>
public static class TenantList
{
    /// <summary>The checked list, or a <see cref="MigrationRunException"/> (invalid setting) naming the problem and its source.</summary>
    public static IReadOnlyList<Tenant> Check(IReadOnlyList<Tenant> tenants, bool allowEmpty, string source)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var duplicates = tenants.GroupBy(t => t.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw Invalid(DiagnosticCodes.DuplicateTenant,
                $"{source} lists the tenant key{(duplicates.Count > 1 ? "s" : "")} {string.Join(", ", duplicates.Take(10).Select(k => $"'{k}'"))} more than once; each tenant must appear once (make the first column unique)");
        }

        if (tenants.Any(t => string.IsNullOrWhiteSpace(t.Key)))
        {
            throw Invalid(DiagnosticCodes.InvalidTenantList, $"{source} has a tenant with an empty key; every tenant needs a key");
        }

        return tenants.Count == 0 && !allowEmpty
            ? throw Invalid(DiagnosticCodes.NoTenants, $"{source} lists no tenant; check the query or file, or {NextStep.AllowEmptyFleet} when an empty fleet is expected")
            : tenants;
    }

    /// <summary>
    /// A tenants file: a JSON array (of keys, or of objects with "key" and optional "schema",
    /// "connection_string" and tags), or else one key per line (blank lines and '#' comments skipped).
    /// </summary>
    public static IReadOnlyList<Tenant> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(DiagnosticCodes.InvalidTenantList, $"the tenants file '{path}' cannot be read: {e.Message}", path);
        }

        var start = text.TrimStart();
        return start.StartsWith('[') ? FromJson(text, path)
            : start.StartsWith('{') ? throw Invalid(DiagnosticCodes.InvalidTenantList,
                $"the tenants file is a JSON object; write a JSON array of keys or of objects with \"key\", such as {JsonExample}", path, LineOf(text, text.Length - start.Length))
            : FromLines(text, path);
    }

    private const string JsonExample = "[\"acme\", {\"key\": \"globex\", \"schema\": \"Globex Corp\"}]";

    // A bare key names a schema of the main database: the usual schema-per-customer layout.
    private static List<Tenant> FromLines(string text, string path)
    {
        var tenants = new List<Tenant>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // The key becomes a schema as written: a YAML list, a CSV row or a note after the key would be created as a schema named "- acme".
            if (line.AsSpan().IndexOfAny(NotInAKey) >= 0)
            {
                throw Invalid(DiagnosticCodes.InvalidTenantList,
                    $"'{line}' is not a tenant key: a line holds one key, the schema's name, with no blanks, quotes, commas, brackets or '#' (a comment takes a line of its own). "
                    + $"For a schema named like that, write a JSON array instead: {JsonExample}", path, i + 1);
            }

            // Named at the repeated line, so a long file's duplicate is found without a search.
            if (!firstLine.TryAdd(line, i + 1))
            {
                throw Invalid(DiagnosticCodes.DuplicateTenant,
                    $"the tenant key '{line}' is listed again (first at line {firstLine[line]}); each tenant must appear once: remove one of the lines", path, i + 1);
            }

            tenants.Add(new Tenant(line, Schema: line));
        }

        return tenants;
    }

    private static readonly System.Buffers.SearchValues<char> NotInAKey = System.Buffers.SearchValues.Create(" \t\v\f\"'`,;#{}[]");

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static List<Tenant> FromJson(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.EnumerateArray().Select((e, i) => FromJson(e, i, path)).ToList();
        }
        catch (JsonException e)
        {
            throw Invalid(DiagnosticCodes.InvalidTenantList, $"the tenants file is not valid JSON: {e.Message}; write an array of keys or of objects with \"key\"", path, (int)(e.LineNumber ?? 0) + 1);
        }
    }

    private static Tenant FromJson(JsonElement element, int index, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new Tenant(element.GetString()!, Schema: element.GetString());
        }

        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
        {
            throw Invalid(DiagnosticCodes.InvalidTenantList, $"the tenants file's entry {index + 1} is neither a key nor an object with a \"key\" string", path);
        }

        var fields = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
        return Columns(fields);
    }

    /// <summary>
    /// A tenant from named columns: key, schema, connection_string, and the rest as tags. With neither a
    /// schema nor a connection string, the key is the schema.
    /// </summary>
    public static Tenant Columns(IReadOnlyDictionary<string, string> fields, string keyColumn = "key")
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.TryGetValue("schema", out var schema);
        fields.TryGetValue("connection_string", out var connection);
        var tags = fields.Where(f => f.Key is not ("schema" or "connection_string") && f.Key != keyColumn).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var key = fields[keyColumn];
        (schema, connection) = (NullIfEmpty(schema), NullIfEmpty(connection));
        return new Tenant(key, schema ?? (connection is null ? key : null), connection) { Tags = tags };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static MigrationRunException Invalid(string code, string message, string? file = null, int line = 0) =>
        new(RunOutcome.InvalidSetting, Diagnostic.Error(code, message, file, line));
}

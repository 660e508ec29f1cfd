using System.Text.Json;
using MigrationTasks.Layouts;

namespace MigrationTasks.Bundles;

/// <summary>Thrown when manifest.json is not the JSON this tool writes.</summary>
public sealed class InvalidManifestException(string message) : Exception(message);

/// <summary>
/// Reads and writes manifest.json by hand rather than by reflection: the bytes must be identical for
/// the same input (fixed property order, two-space indent, LF, no timestamps), and reading must be
/// strict, because a manifest is a security boundary.
/// </summary>
public static class ManifestJson
{
    public static byte[] Write(BundleManifest manifest)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", manifest.FormatVersion);
            json.WriteString("toolVersion", manifest.ToolVersion);
            if (!manifest.Layout.IsNative())
            {
                json.WriteString("layout", MigrationLayouts.NameOf(manifest.Layout));
            }

            json.WriteStartArray("migrations");
            foreach (var entry in manifest.Migrations)
            {
                WriteEntry(json, entry);
            }

            json.WriteEndArray();
            json.WriteString("rootHash", manifest.RootHash);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>
    /// Only the format version and the tool version, read before anything else: a newer format may
    /// lay the rest out differently, and must be reported as newer rather than as broken. Null when
    /// the bytes are not a JSON object with a whole-number formatVersion.
    /// </summary>
    public static (int FormatVersion, string? ToolVersion)? ReadVersions(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(WithoutBom(bytes));
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("formatVersion", out var format) && format.TryGetInt32(out var version)
                ? (version, root.TryGetProperty("toolVersion", out var tool) && tool.ValueKind == JsonValueKind.String ? tool.GetString() : null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static BundleManifest Read(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(WithoutBom(bytes));
            var root = document.RootElement;
            var format = Get(root, "formatVersion").GetInt32();
            var migrations = Get(root, "migrations").EnumerateArray().Select(ReadEntry).ToList();
            var layout = MigrationLayout.MigrationTasks;
            if (root.TryGetProperty("layout", out var layoutName))
            {
                layout = MigrationLayouts.TryParse(layoutName.GetString(), out var named) && named is { } known
                    ? known
                    : throw new FormatException($"the layout '{layoutName}' is not one this runner knows");
            }

            return new BundleManifest(format, String(root, "toolVersion")!, migrations, String(root, "rootHash")!) { Layout = layout };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidManifestException(e.Message);
        }
    }

    // An editor may add a BOM to a manifest someone opened; the content still decides.
    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> bytes) => bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    private static void WriteEntry(Utf8JsonWriter json, BundleEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("version", entry.Version);
        json.WriteString("name", entry.Name);
        json.WriteString("file", entry.File);
        json.WriteString("checksum", entry.Checksum);
        json.WriteString("downFile", entry.DownFile);
        json.WriteString("downChecksum", entry.DownChecksum);
        // Only when known, so a bundle built outside a repository is what earlier versions wrote.
        if (entry.Source is not null)
        {
            json.WriteString("source", entry.Source);
        }

        if (entry.DownSource is not null)
        {
            json.WriteString("downSource", entry.DownSource);
        }

        json.WriteStartObject("directives");
        json.WriteBoolean("transactional", entry.Directives.Transactional);
        WriteNumber(json, "lockTimeoutMs", entry.Directives.LockTimeoutMs);
        WriteNumber(json, "statementTimeoutMs", entry.Directives.StatementTimeoutMs);
        json.WriteBoolean("allowOutOfOrder", entry.Directives.AllowOutOfOrder);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static BundleEntry ReadEntry(JsonElement element)
    {
        var directives = Get(element, "directives");
        return new BundleEntry(
            String(element, "version")!,
            String(element, "name")!,
            String(element, "file")!,
            String(element, "checksum")!,
            String(element, "downFile", optional: true),
            String(element, "downChecksum", optional: true),
            new BundleDirectives(
                Get(directives, "transactional").GetBoolean(),
                Number(directives, "lockTimeoutMs"),
                Number(directives, "statementTimeoutMs"),
                Get(directives, "allowOutOfOrder").GetBoolean()))
        {
            Source = Absent(element, "source") ? null : String(element, "source", optional: true),
            DownSource = Absent(element, "downSource") ? null : String(element, "downSource", optional: true),
        };
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static JsonElement Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"the property '{name}' is missing");

    private static string? String(JsonElement element, string name, bool optional = false)
    {
        var value = Get(element, name);
        return value.ValueKind == JsonValueKind.Null && optional ? null : value.GetString()
            ?? throw new FormatException($"the property '{name}' must be a string");
    }

    // Properties added after format 1 was first written: a manifest from before them simply lacks them.
    private static bool Absent(JsonElement element, string name) => !element.TryGetProperty(name, out _);

    private static long? Number(JsonElement element, string name)
    {
        var value = Get(element, name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();
    }
}

using System.Text.Json;

namespace MigrationTasks.Layouts;

/// <summary>One entry of drizzle-kit's meta/_journal.json: <c>{"idx":0,"when":1700000000000,"tag":"0000_init",…}</c>.</summary>
public sealed record DrizzleJournalEntry(int Index, long When, string Tag);

/// <summary>
/// Reads drizzle-kit's journal, which decides which files run and in what order. The version we give a
/// Drizzle migration is its <c>when</c> (milliseconds since 1970), the value drizzle's own history
/// table records as <c>created_at</c>, so the two histories line up.
/// </summary>
public static class DrizzleJournal
{
    /// <returns>The entries in journal order, or a problem that says what is wrong with the file.</returns>
    public static (IReadOnlyList<DrizzleJournalEntry> Entries, string? Problem) Read(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes);
            if (!document.RootElement.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return ([], "it has no \"entries\" array");
            }

            var list = new List<DrizzleJournalEntry>();
            foreach (var entry in entries.EnumerateArray())
            {
                var tag = entry.GetProperty("tag").GetString();
                if (string.IsNullOrEmpty(tag) || tag.IndexOfAny(['/', '\\']) >= 0)
                {
                    return ([], $"entry {list.Count} has no usable \"tag\"");
                }

                list.Add(new DrizzleJournalEntry(entry.GetProperty("idx").GetInt32(), entry.GetProperty("when").GetInt64(), tag));
            }

            return (list, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return ([], $"it is not drizzle-kit's journal JSON ({e.Message})");
        }
    }
}

using System.Text;
using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>Bytes that are not UTF-8 text, and NUL bytes, which PostgreSQL cannot take in SQL text.</summary>
internal static class EncodingCases
{
    private const string File = "0030_text.sql";

    public static IEnumerable<BadInputCase> All()
    {
        yield return Bytes("a byte 0xFF on line 3", ["up"], Around("SELECT 1;\n-- ok\nSELECT '", [0xFF], "';\n"), "MT1004", 3);
        yield return Bytes("Latin-1 'é' on line 2", ["status"], Around("SELECT 1;\nSELECT 'caf", [0xE9], "';\n"), "MT1004", 2);
        yield return Bytes("a multi-byte sequence cut at the end of the file", ["plan"], Around("SELECT 1;\nSELECT '", [0xE2, 0x82], ""), "MT1004", 2);
        yield return Bytes("an overlong encoding of '/'", ["up"], Around("SELECT '", [0xC0, 0xAF], "';\n"), "MT1004", 1);
        yield return Bytes("UTF-16 with its BOM", ["up"], [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("SELECT 1;\n")], "MT1004", 1);
        yield return Bytes("an encoded surrogate", ["lint"], Around("SELECT 1;\nSELECT '", [0xED, 0xA0, 0x80], "';\n"), "MT1004", 2);
        yield return Bytes("invalid UTF-8 in a down file", ["down"], Around("DROP TABLE orders;\n-- ", [0xFF], "\n"), "MT1004", 2, "0020_create_orders.down.sql");

        yield return Bytes("a NUL byte inside a statement on line 2", ["up"], Around("SELECT 1;\nSELECT 1", [0], ";\n"), "MT1020", 2);
        yield return Bytes("a NUL byte inside a comment", ["up"], Around("SELECT 1; -- a", [0], "b\n"), "MT1020", 1);
        yield return Bytes("a NUL byte inside a string", ["status"], Around("SELECT 1;\n\nSELECT 'a", [0], "b';\n"), "MT1020", 3);
        yield return Bytes("a NUL byte, lint", ["lint"], Around("SELECT 1;\n", [0], "\n"), "MT1020", 2);
    }

    private static BadInputCase Bytes(string name, string[] command, byte[] bytes, string code, int line, string file = File) =>
        Of($"encoding: {name} ({command[0]})", command, ws => ws.WriteBytes(file, bytes), 3, code, file, line);

    /// <summary>UTF-8 text around raw bytes, so the bad bytes land on a known line.</summary>
    private static byte[] Around(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];
}

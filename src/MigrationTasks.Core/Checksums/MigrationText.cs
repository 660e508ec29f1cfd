using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace MigrationTasks.Checksums;

/// <summary>Thrown when a migration file is not valid UTF-8; carries the line and column of the first bad byte.</summary>
public sealed class InvalidMigrationEncodingException(int line, int column)
    : Exception($"the file is not valid UTF-8 (first invalid byte at line {line}, column {column}); save it as UTF-8")
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>
/// Turns the bytes of a migration file into its text: strict UTF-8, one leading BOM removed. The text
/// runs as written (a CR inside a string literal is data); only the checksum sees it with CRLF and CR
/// turned into LF (<see cref="Normalize"/>), because editors and git settings differ in exactly that way.
/// </summary>
public static class MigrationText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (!Utf8.IsValid(bytes))
        {
            throw LocateInvalidByte(bytes);
        }

        return StrictUtf8.GetString(bytes);
    }

    /// <summary>The text with CRLF and CR turned into LF: what checksums are computed over.</summary>
    public static string Normalize(string text) =>
        text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : text;

    private static InvalidMigrationEncodingException LocateInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            Utf8.ToUtf16(bytes, buffer, out var bytesRead, out _, replaceInvalidSequences: false);
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < bytesRead; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            var column = Encoding.UTF8.GetCharCount(bytes[lineStart..bytesRead]) + 1;
            return new InvalidMigrationEncodingException(line, column);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}

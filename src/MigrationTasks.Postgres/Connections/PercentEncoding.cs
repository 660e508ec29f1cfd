using System.Text;

namespace MigrationTasks.Postgres.Connections;

// Strict percent-decoding for URI parts. Uri.UnescapeDataString silently keeps malformed
// sequences such as "%zz", which would turn a typo into a wrong password or host; we reject them.
internal static class PercentEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="text"/>; returns false on a malformed or non-UTF-8 sequence, or on %00.</summary>
    public static bool TryDecode(string text, out string decoded)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            decoded = text;
            return true;
        }

        var bytes = new List<byte>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '%')
            {
                // Copy a whole run so surrogate pairs are encoded together.
                var end = text.IndexOf('%', i);
                end = end < 0 ? text.Length : end;
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i..end]));
                i = end;
                continue;
            }

            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                decoded = "";
                return false;
            }

            var value = Convert.ToByte(text.Substring(i + 1, 2), 16);
            if (value == 0)
            {
                // libpq forbids %00 too; a NUL would end the C string, and Npgsql's builder throws on it.
                decoded = "";
                return false;
            }

            bytes.Add(value);
            i += 3;
        }

        try
        {
            decoded = StrictUtf8.GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = "";
            return false;
        }
    }
}

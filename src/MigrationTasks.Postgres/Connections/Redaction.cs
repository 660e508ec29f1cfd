using System.Data.Common;
using System.Text;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

// Turns connection settings into text that is safe to show. It must work on input we could not
// parse, because that is exactly what error messages echo, so it errs towards hiding too much.
internal static class Redaction
{
    public const string Mask = "***";
    public const string Unparseable = "<unparseable connection string>";

    public static string Redact(string? connectionStringOrUri)
    {
        if (string.IsNullOrWhiteSpace(connectionStringOrUri))
        {
            return "<empty connection string>";
        }

        var text = connectionStringOrUri.Trim();
        return ConnectionStringParser.LooksLikeUri(text) ? RedactUri(text) : RedactKeyValue(text);
    }

    public static string Redact(NpgsqlConnectionStringBuilder settings)
    {
        var copy = new NpgsqlConnectionStringBuilder(settings.ConnectionString);

        // Every secret keyword, and any other value that carries "password=" inside it (libpq's
        // options='-c password=...', a pair run into a neighbour's value).
        var entries = new DbConnectionStringBuilder { ConnectionString = copy.ConnectionString };
        foreach (string keyword in entries.Keys)
        {
            if (IsSecretKeyword(keyword) || (entries[keyword] is string value && KeyValueString.HoldsSecretAssignment(value)))
            {
                copy[keyword] = Mask;
            }
        }

        return copy.ConnectionString;
    }

    private static string RedactKeyValue(string text)
    {
        // Only a string that parses completely is echoed: if a password holds an unquoted separator,
        // the pieces after it would look like other keywords and be shown.
        try
        {
            return Redact(KeyValueString.Parse(text));
        }
        catch (Exception e) when (e is ConnectionStringException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return Unparseable;
        }
    }

    private static string RedactUri(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var scheme = uri[..schemeEnd];
        var rest = uri[schemeEnd..];

        // libpq ends the user info at the first '@', but a password with an unencoded '@' or '/'
        // would then leak into the host; masking up to the last '@' hides it in every reading.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && colon < at)
            {
                rest = rest[..colon] + ":" + Mask + rest[at..];
            }
        }
        else
        {
            rest = MaskNonNumericPorts(rest);
        }

        return scheme + MaskQuerySecrets(rest);
    }

    // A password given as a query parameter may hold an unencoded '&', so everything from the first
    // secret parameter on is masked. Names are decoded first: libpq honours ?pass%77ord= as a password.
    private static string MaskQuerySecrets(string rest)
    {
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return rest;
        }

        var position = query + 1;
        foreach (var pair in rest[position..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? pair : pair[..equals];
            if (equals >= 0 && (!PercentEncoding.TryDecode(rawName, out var name) || IsSecretKeyword(name)))
            {
                return rest[..(position + equals + 1)] + Mask;
            }

            position += pair.Length + 1;
        }

        return rest;
    }

    // Without '@' there is no user info, yet "user:secret/db" still reads as host "user" and
    // port "secret"; a port that is not a number is masked because it may be a password.
    private static string MaskNonNumericPorts(string rest)
    {
        var end = rest.IndexOfAny(['/', '?']);
        var authority = end < 0 ? rest : rest[..end];
        var tail = end < 0 ? "" : rest[end..];
        var hosts = authority.Split(',');
        var result = new StringBuilder();
        for (var i = 0; i < hosts.Length; i++)
        {
            var entry = hosts[i];
            var portColon = entry.StartsWith('[') ? entry.IndexOf("]:", StringComparison.Ordinal) + 1 : entry.IndexOf(':', StringComparison.Ordinal);
            if (portColon > 0 && !entry[(portColon + 1)..].All(char.IsAsciiDigit))
            {
                entry = entry[..(portColon + 1)] + Mask;
            }

            result.Append(i == 0 ? "" : ",").Append(entry);
        }

        return result.Append(tail).ToString();
    }

    /// <summary>True for keywords whose value is secret in a Key=Value string (Npgsql spellings and aliases).</summary>
    public static bool IsSecretKeyword(string keyword)
    {
        var k = keyword.Replace(" ", "", StringComparison.Ordinal);
        return k.Contains("password", StringComparison.OrdinalIgnoreCase)
            || k.Equals("psw", StringComparison.OrdinalIgnoreCase)
            || k.Equals("pwd", StringComparison.OrdinalIgnoreCase);
    }
}

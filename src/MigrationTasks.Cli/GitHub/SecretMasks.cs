using System.Text.RegularExpressions;
using MigrationTasks.Postgres.Connections;
using Npgsql;

namespace MigrationTasks.Cli.GitHub;

/// <summary>
/// The strings a GitHub runner must hide for one connection setting: the whole setting and its
/// password, both as given and percent-encoded (a URI carries it encoded, a log may show either).
/// Works on settings Npgsql rejects too, because those are the ones error paths handle.
/// </summary>
internal static partial class SecretMasks
{
    public static IEnumerable<string> For(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            yield break;
        }

        yield return connection.Trim();
        foreach (var password in Passwords(connection.Trim()).Where(p => p.Length > 0))
        {
            yield return password;
            yield return Uri.EscapeDataString(password);
        }
    }

    /// <summary>Whether <paramref name="text"/> reads as a connection setting that holds a password, in any spelling.</summary>
    public static bool HoldsPassword(string text) => Passwords(text.Trim()).Any(p => p.Length > 0);

    private static IEnumerable<string> Passwords(string connection)
    {
        NpgsqlConnectionStringBuilder? parsed = null;
        try
        {
            parsed = ConnectionStringParser.Parse(connection);
        }
        catch (Exception e) when (e is ConnectionStringException or ArgumentException or FormatException)
        {
            // Unparseable: the text-level readings below still find the password.
        }

        foreach (var secret in new[] { parsed?.Password, parsed?.SslPassword })
        {
            if (secret is not null)
            {
                yield return secret;
            }
        }

        foreach (var match in new[] { UriPassword().Match(connection), KeyValuePassword().Match(connection) }.Where(m => m.Success))
        {
            var raw = match.Groups["password"].Value;
            yield return raw;
            yield return Decode(raw);
        }

        foreach (var raw in QueryPasswords(connection))
        {
            yield return raw;
            yield return Decode(raw);
        }

        // libpq's key=value form, quotes and backslashes undone; read even when the keywords are wrong.
        foreach (var (key, value) in ConnectionStringParser.LibpqPairs(connection))
        {
            if (ConnectionStringParser.IsSecretKeyword(key))
            {
                yield return value;
            }
        }
    }

    // Names are decoded before they are judged: libpq honours ?pass%77ord= as a password.
    private static IEnumerable<string> QueryPasswords(string connection)
    {
        var query = connection.IndexOf('?', StringComparison.Ordinal);
        if (query < 0 || !connection.Contains("://", StringComparison.Ordinal))
        {
            yield break;
        }

        var pairs = connection[(query + 1)..].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && ConnectionStringParser.IsSecretKeyword(Decode(pairs[i][..equals])))
            {
                yield return pairs[i][(equals + 1)..];

                // An unencoded '&' in the password: the rest of the query may be part of it.
                yield return string.Join('&', pairs[i..])[(equals + 1)..];
            }
        }
    }

    private static string Decode(string raw)
    {
        try
        {
            return Uri.UnescapeDataString(raw);
        }
        catch (UriFormatException)
        {
            return raw;
        }
    }

    // libpq ends the user info at the first '@'; the last '@' is taken so an unencoded '@' in a password is still covered.
    [GeneratedRegex(@"^[a-z]+://[^:/@]*:(?<password>.*)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"(?:^|;)\s*(?:password|pwd|psw)\s*=\s*(?<password>[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePassword();
}

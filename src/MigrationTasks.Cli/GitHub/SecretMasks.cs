using System.Text.RegularExpressions;
using MigrationTasks.Postgres.Connections;

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

    private static IEnumerable<string> Passwords(string connection)
    {
        string? parsed = null;
        try
        {
            parsed = ConnectionStringParser.Parse(connection).Password;
        }
        catch (Exception e) when (e is ConnectionStringException or ArgumentException or FormatException)
        {
            // Unparseable: the text-level readings below still find the password.
        }

        if (parsed is not null)
        {
            yield return parsed;
        }

        foreach (var match in new[] { UriPassword().Match(connection), QueryPassword().Match(connection), KeyValuePassword().Match(connection) }.Where(m => m.Success))
        {
            var raw = match.Groups["password"].Value;
            yield return raw;
            yield return Decode(raw);
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

    [GeneratedRegex(@"^[a-z]+://[^?]*\?(?:.*&)?(?:ssl)?password=(?<password>[^&]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex QueryPassword();

    [GeneratedRegex(@"(?:^|;)\s*(?:password|pwd|psw)\s*=\s*(?<password>[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePassword();
}

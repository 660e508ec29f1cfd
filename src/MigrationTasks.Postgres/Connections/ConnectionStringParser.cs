using System.Text.RegularExpressions;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// Reads a connection setting in any spelling users bring: a libpq URI
/// (<c>postgresql://user:password@host:5432/db?sslmode=require</c>, as in DATABASE_URL), a libpq
/// <c>host=... user=... dbname=...</c> string, or an Npgsql <c>Key=Value;...</c> string.
/// </summary>
public static partial class ConnectionStringParser
{
    /// <summary>Parses <paramref name="value"/> into Npgsql settings.</summary>
    /// <exception cref="ConnectionStringException">The value is empty, malformed or unsupported; the message never holds the password.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConnectionStringException(
                "The connection string is empty. Give a URI such as postgresql://user:password@host:5432/database or a Key=Value string such as Host=host;Username=user;Database=database.");
        }

        var text = value.Trim();
        var settings = LooksLikeUri(text) ? PostgresUri.Parse(text) : KeyValueString.Parse(text);
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new ConnectionStringException(
                $"The connection string '{Redact(text)}' names no host. Add one, e.g. postgresql://user@localhost/database, or Host=localhost in a Key=Value string; for a Unix socket use ?host=/var/run/postgresql.");
        }

        return settings;
    }

    /// <summary>
    /// Text safe to display for a URI or Key=Value string: the password is replaced by ***, and
    /// input that cannot be read safely becomes "&lt;unparseable connection string&gt;".
    /// </summary>
    public static string Redact(string connectionStringOrUri) => Redaction.Redact(connectionStringOrUri);

    /// <summary>The settings as a Key=Value string with the password replaced by ***.</summary>
    public static string Redact(NpgsqlConnectionStringBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Redaction.Redact(settings);
    }

    /// <summary>True for keywords whose value is secret (password, sslpassword, Npgsql's PWD and PSW...).</summary>
    public static bool IsSecretKeyword(string keyword) => Redaction.IsSecretKeyword(keyword);

    /// <summary>
    /// The pairs of <paramref name="text"/> read as libpq's key=value form, keywords unchecked; none when
    /// it does not read so. For code that must find a password even in a string that does not parse.
    /// </summary>
    public static IEnumerable<(string Key, string Value)> LibpqPairs(string text) =>
        LibpqKeyValue.TryRead(text)?.Select(p => (p.Key, p.Value)) ?? [];

    // Anything with a scheme is treated as a URI, so "mysql://..." gets a clear scheme error
    // rather than a confusing Key=Value one.
    internal static bool LooksLikeUri(string text) => UriScheme().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://", RegexOptions.CultureInvariant)]
    private static partial Regex UriScheme();
}

using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// Reads a connection setting in either spelling users bring: a libpq URI
/// (<c>postgresql://user:password@host:5432/db?sslmode=require</c>, as in DATABASE_URL) or an
/// Npgsql <c>Key=Value;...</c> string.
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
        var settings = LooksLikeUri(text) ? PostgresUri.Parse(text) : ParseKeyValue(text);
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new ConnectionStringException(
                $"The connection string {Redact(text)} names no host. Add one, e.g. postgresql://user@localhost/database, or Host=localhost in a Key=Value string; for a Unix socket use ?host=/var/run/postgresql.");
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

    // Anything with a scheme is treated as a URI, so "mysql://..." gets a clear scheme error
    // rather than a confusing Key=Value one.
    internal static bool LooksLikeUri(string text) => UriScheme().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://", RegexOptions.CultureInvariant)]
    private static partial Regex UriScheme();

    private static NpgsqlConnectionStringBuilder ParseKeyValue(string text)
    {
        DbConnectionStringBuilder entries;
        try
        {
            entries = new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException)
        {
            // The framework's message carries no secret, but it helps less than saying what we accept.
            throw new ConnectionStringException(
                "The connection string is neither a postgresql:// URI nor a Key=Value;Key=Value string. Write it as postgresql://user:password@host:5432/database or Host=host;Username=user;Password=...;Database=database (quote values that contain ';' or '=' in single quotes).");
        }

        var settings = new NpgsqlConnectionStringBuilder();
        string? previous = null;
        foreach (string keyword in entries.Keys)
        {
            var entryValue = entries[keyword];
            try
            {
                settings[keyword] = entryValue;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                throw KeyValueError(settings, keyword, entryValue, previous);
            }

            previous = keyword;
        }

        return settings;
    }

    private static ConnectionStringException KeyValueError(NpgsqlConnectionStringBuilder settings, string keyword, object? value, string? previous)
    {
        // An unquoted ';' inside a password splits it, and the piece after it parses as the next
        // keyword; so nothing that directly follows a password is ever echoed.
        if (previous is not null && Redaction.IsSecretKeyword(previous))
        {
            return new ConnectionStringException(
                "The connection string has an invalid entry right after the password (not shown, in case it is part of the password). If the password contains ';', quote it: Password='...'. Otherwise fix the keyword or value that follows Password.");
        }

        if (!settings.ContainsKey(keyword))
        {
            return new ConnectionStringException(
                $"The connection string has an unknown keyword '{keyword}'. Check its spelling against the Npgsql connection string reference (https://www.npgsql.org/doc/connection-string-parameters.html).");
        }

        var shown = Redaction.IsSecretKeyword(keyword) ? "" : $" '{value}'";
        return new ConnectionStringException(
            $"The connection string has an invalid value{shown} for '{keyword}'. Fix the value; see https://www.npgsql.org/doc/connection-string-parameters.html for what it accepts.");
    }
}

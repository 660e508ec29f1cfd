using System.Data.Common;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

/// <summary>Npgsql's <c>Key=Value;Key=Value</c> connection string, checked entry by entry so errors can say which.</summary>
internal static class NpgsqlKeyValue
{
    public static NpgsqlConnectionStringBuilder Parse(string text)
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
                "The connection string is neither a postgresql:// URI, nor a libpq key=value string, nor an Npgsql Key=Value;Key=Value string. Write it as postgresql://user:password@host:5432/database, host=host user=user password='...' dbname=database, or Host=host;Username=user;Password=...;Database=database (quote values that contain spaces, ';' or '=' in single quotes).");
        }

        // A value holding "password=" is a libpq string read with the wrong separator (or a password
        // with an unquoted ';'): every later message would print it, so nothing of it is echoed.
        foreach (string keyword in entries.Keys)
        {
            if (!Redaction.IsSecretKeyword(keyword) && entries[keyword] is string value && KeyValueString.HoldsSecretAssignment(value))
            {
                throw new ConnectionStringException(
                    $"The connection string has a password inside the value of '{keyword}' (not shown): it mixes the two key=value forms. Separate every pair with ';' (Host=h;Username=u;Password=p) or every pair with spaces, keywords in lower case (host=h user=u password=p); quote a password that holds spaces or ';'.");
            }
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

        if (settings.Host is { } host && host.Any(c => char.IsWhiteSpace(c) || c is '=' or '\''))
        {
            // "host=a user=b" with a capitalised or unknown keyword lands here as one host value.
            throw new ConnectionStringException(
                "The connection string has a host with spaces, '=' or quotes in it (not shown). Separate Npgsql pairs with ';' (Host=h;Username=u), or write libpq's form with lower-case keywords separated by spaces (host=h user=u).");
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

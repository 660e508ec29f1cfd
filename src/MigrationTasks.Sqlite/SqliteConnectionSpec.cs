using Microsoft.Data.Sqlite;

namespace MigrationTasks.Sqlite;

/// <summary>
/// Reads the connection forms that name a SQLite database: <c>sqlite:path</c> (relative to the
/// working directory), <c>sqlite:///abs/path</c>, and Microsoft.Data.Sqlite's own
/// <c>Data Source=path;…</c> (also <c>DataSource=</c>, <c>Filename=</c>).
/// </summary>
public static class SqliteConnectionSpec
{
    /// <summary>Whether the text names a SQLite database (by its scheme or its Data Source keyword).</summary>
    public static bool Names(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var text = connection.TrimStart();
        return text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("data source=", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("datasource=", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("filename=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The database file's absolute path; a problem is an <see cref="ArgumentException"/> whose message holds no secret.</summary>
    public static string PathOf(string connection) => SettingsOf(connection).DatabasePath;

    /// <summary>
    /// The settings the connection gives: the file, and from a <c>Data Source=…</c> string the keywords that change what a
    /// migration does (<c>Foreign Keys</c>, <c>Recursive Triggers</c>), which the run's own connections keep.
    /// </summary>
    public static SqliteSettings SettingsOf(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var text = connection.Trim();
        string path;
        SqliteConnectionStringBuilder? options = null;
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = Uri.UnescapeDataString(text["sqlite:".Length..]);
            // sqlite:///abs/path has an empty authority; sqlite://rel/path is read as relative.
            path = rest.StartsWith("//", StringComparison.Ordinal) ? rest[2..] : rest;
            if (path.IndexOf('?', StringComparison.Ordinal) is var query and >= 0)
            {
                path = path[..query];
            }
        }
        else
        {
            options = Read(text);
            path = options.DataSource;
            if (!string.IsNullOrEmpty(options.Password))
            {
                // The bundled SQLite (e_sqlite3) has no encryption: it ignores the key, and the file would be written in plain text.
                throw new ArgumentException("the SQLite connection string sets a Password, but the SQLite library this runner carries does not encrypt: "
                    + "the password would be ignored and the database written in plain text. Remove Password= (and encrypt the disk or the file by other means)");
            }
        }

        if (string.IsNullOrWhiteSpace(path) || path == ":memory:")
        {
            throw new ArgumentException(path == ":memory:"
                ? "an in-memory SQLite database lives only as long as one connection; name a database file, such as sqlite:app.db"
                : "the SQLite connection names no database file; write sqlite:app.db, sqlite:///abs/path/app.db or Data Source=app.db");
        }

        return new SqliteSettings(Path.GetFullPath(path))
        {
            ForeignKeys = options?.ForeignKeys,
            RecursiveTriggers = options?.RecursiveTriggers ?? false,
        };
    }

    // Keyword by keyword: the builder's own messages quote the value it could not read ("Requested value
    // 'x' was not found", "String 'x' was not recognized as a valid Boolean"), and a value can hold a
    // password (Mode=ReadWrite Password=s3cret, its semicolon forgotten). Ours name the keyword only.
    private static SqliteConnectionStringBuilder Read(string text)
    {
        var parts = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = text;
        }
        catch (ArgumentException e)
        {
            // This message gives a position, never a value.
            throw new ArgumentException($"the SQLite connection string cannot be read: {e.Message}", e);
        }

        var builder = new SqliteConnectionStringBuilder();
        string? previous = null;
        foreach (string keyword in parts.Keys)
        {
            if (!IsKeyword(builder, keyword) && previous is not null && previous.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                // An unquoted ';' in the password splits it, and the piece after it reads as a keyword: not named.
                throw new ArgumentException("the SQLite connection string cannot be read: the entry right after the password is not one Microsoft.Data.Sqlite knows "
                    + "(not shown, in case it is part of the password). If the password contains ';', quote it: Password='...'");
            }

            if (!IsKeyword(builder, keyword))
            {
                throw new ArgumentException($"the SQLite connection string cannot be read: the keyword '{keyword}' is not one Microsoft.Data.Sqlite knows (Data Source, Mode, Cache, Password, Foreign Keys, Recursive Triggers, Default Timeout, Pooling, Vfs)");
            }

            try
            {
                builder[keyword] = parts[keyword];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidCastException)
            {
                // Not kept as the inner exception: its message is the one that quotes the value.
                throw new ArgumentException($"the SQLite connection string cannot be read: the value of '{keyword}' is not valid for it (not shown: it may hold a secret)");
            }

            previous = keyword;
        }

        return builder;
    }

    private static bool IsKeyword(SqliteConnectionStringBuilder builder, string keyword)
    {
        try
        {
            _ = builder[keyword];
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

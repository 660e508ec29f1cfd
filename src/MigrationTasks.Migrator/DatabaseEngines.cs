using System.Text.RegularExpressions;
using MigrationTasks.Dialects;
using MigrationTasks.Postgres.Connections;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Sqlite;
using MigrationTasks.Sqlite.Dialect;

namespace MigrationTasks.Migrator;

/// <summary>
/// The one place that knows which database engines exist: a connection's form picks the engine, and with
/// it the dialect. <c>sqlite:path</c>, <c>sqlite:///abs/path</c> and <c>Data Source=…</c> are SQLite;
/// <c>postgres://</c>, <c>postgresql://</c> and key=value strings (libpq's or Npgsql's) are PostgreSQL; any
/// other scheme is refused. The CLI and <see cref="Migrator"/> both ask here.
/// </summary>
public static partial class DatabaseEngines
{
    private static readonly string[] PostgresSchemes = ["postgres", "postgresql"];

    /// <summary>The dialect of the engine <paramref name="connection"/> names.</summary>
    /// <exception cref="ConnectionStringException">Its scheme is no engine we have; the message holds the scheme only, never the rest.</exception>
    public static IMigrationDialect DialectOf(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (SqliteConnectionSpec.Names(connection))
        {
            return SqliteDialect.Instance;
        }

        if (Scheme().Match(connection.TrimStart()) is { Success: true } match
            && !PostgresSchemes.Contains(match.Groups[1].Value, StringComparer.OrdinalIgnoreCase))
        {
            throw new ConnectionStringException(
                $"the scheme '{match.Groups[1].Value}:' names a database engine MigrationTasks does not support; it supports PostgreSQL and SQLite. " +
                "Use a postgresql:// (or postgres://) URI or a key=value string such as Host=host;Database=database, or sqlite:path/to/app.db.");
        }

        return PostgresDialect.Instance;
    }

    // A URI scheme opens the text (RFC 3986: a letter, then letters, digits, '+', '-', '.', then ':');
    // a key=value string never does, since its first key ends at '=', before any ':'.
    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*):", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}

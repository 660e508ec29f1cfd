using Npgsql;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// The database a case runs against: how the test reads it (admin) and how the tool is told to
/// connect, URI or key=value, with or without a password. The secrets suite points the same cases at
/// a server that really checks the password.
/// </summary>
internal sealed record Target(string AdminConnectionString, string Host, int Port, string User, string? Password, string Database, ConnectionForm Form = ConnectionForm.Uri)
{
    /// <summary>The connection the tool is given, in this target's form.</summary>
    public string Connection => With();

    /// <summary>The same connection with one part changed (another database, a wrong password, a port nothing listens on).</summary>
    public string With(string? database = null, string? password = null, int? port = null, int? connectTimeout = null)
    {
        database ??= Database;
        password ??= Password;
        var p = port ?? Port;
        var timeout = connectTimeout?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (Form)
        {
            case ConnectionForm.NpgsqlKeyValue:
                var builder = new NpgsqlConnectionStringBuilder { Host = Host, Port = p, Username = User, Database = database, Password = password };
                return builder.ConnectionString + (timeout is null ? "" : $";Timeout={timeout}");
            case ConnectionForm.LibpqKeyValue or ConnectionForm.LibpqQuoted:
                var secret = password is null ? "" : Form == ConnectionForm.LibpqQuoted ? $" password='{LibpqEscape(password)}'" : $" password={LibpqEscape(password)}";
                return $"host={Host} port={p} user={User}{secret} dbname={database}" + (timeout is null ? "" : $" connect_timeout={timeout}");
            case ConnectionForm.UriEncodedName:
                var query = password is null ? "" : $"?pass%77ord={Uri.EscapeDataString(password)}";
                return $"postgresql://{Uri.EscapeDataString(User)}@{Host}:{p}/{Uri.EscapeDataString(database)}{query}" + (timeout is null ? "" : $"{(query.Length == 0 ? "?" : "&")}connect_timeout={timeout}");
            default:
                var userInfo = password is null ? Uri.EscapeDataString(User) : $"{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(password)}";
                return $"postgresql://{userInfo}@{Host}:{p}/{Uri.EscapeDataString(database)}" + (timeout is null ? "" : $"?connect_timeout={timeout}");
        }
    }

    // A space needs a backslash outside quotes; inside them the same backslash is still honoured (libpq
    // takes the next character literally in both), so both spellings exercise the escapes.
    private static string LibpqEscape(string value) =>
        string.Concat(value.Select(c => c is ' ' or '\'' or '\\' ? "\\" + c : c.ToString()));

    /// <summary>A target for a database of the shared test server (trust authentication, no password).</summary>
    public static Target ForTestDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new Target(connectionString, builder.Host!, builder.Port, builder.Username!, null, builder.Database!);
    }
}

/// <summary>How a target's connection is spelled: each must keep its password out of every output.</summary>
internal enum ConnectionForm
{
    /// <summary>postgresql://user:password@host:port/db, the password percent-encoded.</summary>
    Uri,

    /// <summary>Host=...;Username=...;Password=...</summary>
    NpgsqlKeyValue,

    /// <summary>host=... user=... password=... separated by spaces, special characters behind backslashes.</summary>
    LibpqKeyValue,

    /// <summary>host=... password='...' with backslash escapes inside the quotes.</summary>
    LibpqQuoted,

    /// <summary>postgresql://user@host/db?pass%77ord=...: a percent-encoded parameter name.</summary>
    UriEncodedName,
}

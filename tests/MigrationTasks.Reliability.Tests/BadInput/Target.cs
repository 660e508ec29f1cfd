using Npgsql;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// The database a case runs against: how the test reads it (admin) and how the tool is told to
/// connect, URI or key=value, with or without a password. The secrets suite points the same cases at
/// a server that really checks the password.
/// </summary>
internal sealed record Target(string AdminConnectionString, string Host, int Port, string User, string? Password, string Database, bool KeyValue = false)
{
    /// <summary>The connection the tool is given, in this target's form.</summary>
    public string Connection => With();

    /// <summary>The same connection with one part changed (another database, a wrong password).</summary>
    public string With(string? database = null, string? password = null)
    {
        database ??= Database;
        password ??= Password;
        if (KeyValue)
        {
            var builder = new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Username = User, Database = database, Password = password };
            return builder.ConnectionString;
        }

        var userInfo = password is null ? Uri.EscapeDataString(User) : $"{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(password)}";
        return $"postgresql://{userInfo}@{Host}:{Port}/{Uri.EscapeDataString(database)}";
    }

    /// <summary>A target for a database of the shared test server (trust authentication, no password).</summary>
    public static Target ForTestDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new Target(connectionString, builder.Host!, builder.Port, builder.Username!, null, builder.Database!);
    }
}

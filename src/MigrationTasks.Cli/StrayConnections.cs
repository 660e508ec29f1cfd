using MigrationTasks.Cli.GitHub;
using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli;

/// <summary>
/// Connection strings on the command line where no option takes them: a misspelt or forgotten
/// <c>--connection</c> (<c>migrations up $DATABASE_URL</c>, <c>--conection=postgres://…</c>). The usage
/// error echoes such a token, so it is shown redacted, and a GitHub step masks it like the connection.
/// </summary>
internal static class StrayConnections
{
    /// <summary>The tokens, or the values of <c>--name=value</c> tokens, that hold a password.</summary>
    public static IReadOnlyList<string> In(IEnumerable<string> tokens) =>
        tokens.SelectMany(t => new[] { t, ValueOf(t) }).OfType<string>().Where(SecretMasks.HoldsPassword).Distinct(StringComparer.Ordinal).ToList();

    /// <summary><paramref name="message"/> with every such token written with its password as ***.</summary>
    public static string Redact(string message, IReadOnlyList<string> connections) =>
        connections.OrderByDescending(c => c.Length)
            .Aggregate(message, (text, connection) => text.Replace(connection, ConnectionStringParser.Redact(connection), StringComparison.Ordinal));

    /// <summary>An argument as a message may echo it: with its password as *** when it is a connection string given in the wrong place.</summary>
    public static string Shown(string argument) =>
        SecretMasks.HoldsPassword(argument) ? ConnectionStringParser.Redact(argument) : argument;

    private static string? ValueOf(string token) =>
        token.StartsWith('-') && token.IndexOf('=', StringComparison.Ordinal) is var equals and > 0 ? token[(equals + 1)..] : null;
}

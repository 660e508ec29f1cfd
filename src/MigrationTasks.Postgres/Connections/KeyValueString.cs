using System.Text.RegularExpressions;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// A connection string that is not a URI comes in two spellings: libpq's keyword/value form,
/// <c>host=db user=app password=secret</c> (pairs separated by whitespace, keywords in lower case), and
/// Npgsql's <c>Host=db;Username=app;Password=secret</c>. This picks the reading and maps libpq's.
/// </summary>
internal static partial class KeyValueString
{
    /// <summary>Every libpq keyword (PostgreSQL 17), supported or not: a string starting with one is libpq's form.</summary>
    private static readonly HashSet<string> LibpqKeywords = new(StringComparer.Ordinal)
    {
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "require_auth", "channel_binding",
        "connect_timeout", "client_encoding", "options", "application_name", "fallback_application_name",
        "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
        "replication", "gssencmode", "sslmode", "sslnegotiation", "sslcompression", "sslcert", "sslkey",
        "sslpassword", "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
        "ssl_min_protocol_version", "ssl_max_protocol_version", "krbsrvname", "gsslib", "gssdelegation",
        "service", "target_session_attrs", "load_balance_hosts",
    };

    public static NpgsqlConnectionStringBuilder Parse(string text)
    {
        var pairs = LibpqKeyValue.TryRead(text);
        return pairs is not null && IsLibpqForm(pairs) ? FromLibpq(pairs) : NpgsqlKeyValue.Parse(text);
    }

    /// <summary>True when <paramref name="value"/> holds a password-like "name=" (a pair run into another value).</summary>
    public static bool HoldsSecretAssignment(string value) => SecretAssignment().IsMatch(value);

    // Two or more pairs led by a libpq keyword, with no ';' that separates Npgsql pairs: a single
    // pair reads the same either way, and "host=h;user=u" is Npgsql's (libpq would take one host "h;user=u").
    private static bool IsLibpqForm(List<LibpqKeyValue.Pair> pairs) =>
        pairs.Count >= 2
        && LibpqKeywords.Contains(pairs[0].Key)
        && !pairs.Any(p => !p.Quoted && NpgsqlSeparator().IsMatch(p.Value));

    private static NpgsqlConnectionStringBuilder FromLibpq(List<LibpqKeyValue.Pair> pairs)
    {
        static ConnectionStringException Error(string problem, string nextStep) =>
            new($"The connection string (libpq key=value form) {problem}. {nextStep}");

        var parameters = new LibpqParameters(Error);
        var nearSecret = false;
        foreach (var (key, value, _) in pairs)
        {
            if (!LibpqParameters.Supported.Contains(key))
            {
                // An unquoted space in a password splits it, and the piece after it reads as a keyword.
                throw nearSecret
                    ? Error("has an unsupported keyword after the password (not shown, in case it is part of the password)", "Quote a password that holds spaces: password='a b'; write ' as \\' and \\ as \\\\.")
                    : Error($"has the {(LibpqKeywords.Contains(key) ? "unsupported" : "unknown")} keyword '{key}'", $"Supported keywords: {string.Join(", ", LibpqParameters.Supported)}. For other Npgsql settings use a Key=Value;Key=Value string.");
            }

            parameters.Set(key, value, nearSecret ? "(not shown)" : value);
            nearSecret |= Redaction.IsSecretKeyword(key) || HoldsSecretAssignment(value);
        }

        return parameters.Build();
    }

    [GeneratedRegex(@";\s*(?:[A-Za-z][A-Za-z ]*=|$)", RegexOptions.CultureInvariant)]
    private static partial Regex NpgsqlSeparator();

    [GeneratedRegex(@"(?:password|pwd|psw)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();
}

using Npgsql;

namespace MigrationTasks.Postgres.Connections;

// The libpq connection URI, postgresql://[user[:password]@][host[:port][,...]][/dbname][?name=value&...],
// mapped onto Npgsql settings. Parsing follows libpq's order so a URI that works with psql works here.
internal static class PostgresUri
{
    private const string EncodingHint =
        "Percent-encode special characters in the user name and password (@ as %40, : as %3A, / as %2F, ? as %3F, & as %26, % as %25).";

    public static NpgsqlConnectionStringBuilder Parse(string uri)
    {
        // Redacted only for a message: on the usual path nothing needs showing.
        ConnectionStringException Error(string problem, string nextStep)
            => new($"The connection URI {Redaction.Redact(uri)} {problem}. {nextStep}");

        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        var scheme = uri[..schemeEnd];
        if (!scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw Error($"has the scheme '{scheme}://', which is not PostgreSQL", "Use postgresql:// or postgres://, or a Key=Value string such as Host=host;Database=database.");
        }

        var rest = uri[(schemeEnd + 3)..];
        var pos = 0;
        string? user = null;
        string? password = null;

        // Like libpq, user info is whatever precedes an '@' met before the first '/'.
        var userInfoEnd = rest.IndexOfAny(['@', '/']);
        if (userInfoEnd >= 0 && rest[userInfoEnd] == '@')
        {
            var userInfo = rest[..userInfoEnd];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var rawUser = colon < 0 ? userInfo : userInfo[..colon];
            if (!PercentEncoding.TryDecode(rawUser, out var decodedUser))
            {
                throw Error("has malformed percent-encoding in the user name", EncodingHint);
            }

            user = decodedUser.Length == 0 ? null : decodedUser;
            if (colon >= 0)
            {
                if (!PercentEncoding.TryDecode(userInfo[(colon + 1)..], out var decodedPassword))
                {
                    throw Error("has malformed percent-encoding in the password", EncodingHint);
                }

                password = decodedPassword;
            }

            pos = userInfoEnd + 1;
        }

        var hosts = new List<LibpqHost>();
        var afterHosts = rest.IndexOfAny(['/', '?'], pos);
        var hostList = afterHosts < 0 ? rest[pos..] : rest[pos..afterHosts];
        pos = afterHosts < 0 ? rest.Length : afterHosts;
        if (hostList.Length > 0)
        {
            var entries = hostList.Split(',');
            foreach (var entry in entries)
            {
                var host = ParseHostEntry(entry, Error);
                if (entries.Length > 1 && host.Host.Length == 0)
                {
                    throw Error("has an empty host in its host list", "Separate hosts with single commas, e.g. postgresql://user@host1:5432,host2:5432/database.");
                }

                hosts.Add(host);
            }
        }

        string? database = null;
        if (pos < rest.Length && rest[pos] == '/')
        {
            var queryStart = rest.IndexOf('?', pos);
            var rawDatabase = queryStart < 0 ? rest[(pos + 1)..] : rest[(pos + 1)..queryStart];
            if (!PercentEncoding.TryDecode(rawDatabase, out var decodedDatabase))
            {
                throw Error("has malformed percent-encoding in the database name", "Write % as %25 and check each % is followed by two hex digits.");
            }

            database = decodedDatabase.Length == 0 ? null : decodedDatabase;
            pos = queryStart < 0 ? rest.Length : queryStart;
        }

        var parameters = new LibpqParameters(Error) { Hosts = hosts, User = user, Password = password, Database = database };
        var query = pos < rest.Length ? rest[(pos + 1)..] : "";
        foreach (var (name, value, afterPassword) in ParseQuery(query, Error))
        {
            // A value that may be a piece of the password is never echoed.
            parameters.Set(name, value, afterPassword ? "(not shown)" : value);
        }

        return parameters.Build();
    }

    private static LibpqHost ParseHostEntry(string entry, Func<string, string, ConnectionStringException> error)
    {
        string rawHost;
        string? rawPort = null;
        var isBracketed = entry.StartsWith('[');
        if (isBracketed)
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw error("has an IPv6 address without its closing ']'", "Write IPv6 hosts in brackets, e.g. postgresql://user@[::1]:5432/database.");
            }

            rawHost = entry[1..close];
            var after = entry[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                throw error("has text after an IPv6 address's ']' that is not a port", "Write IPv6 hosts as [address]:port, e.g. [::1]:5432.");
            }

            rawPort = after.Length > 0 ? after[1..] : null;
        }
        else
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            rawHost = colon < 0 ? entry : entry[..colon];
            rawPort = colon < 0 ? null : entry[(colon + 1)..];
        }

        var host = LibpqHost.ParseName(rawHost, isBracketed, encoded: true, error);
        int? port = string.IsNullOrEmpty(rawPort) ? null : LibpqHost.ParsePort(rawPort, error);
        return new LibpqHost(host, port);
    }

    private static List<(string Name, string Value, bool AfterPassword)> ParseQuery(string query, Func<string, string, ConnectionStringException> error)
    {
        var result = new List<(string, string, bool)>();
        string? previous = null;
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            // A password holding an unencoded '&' splits here, and the piece after it would be
            // reported as a parameter; so a bad parameter right after the password is not named.
            var afterPassword = previous is not null && Redaction.IsSecretKeyword(previous);
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (!PercentEncoding.TryDecode(equals < 0 ? pair : pair[..equals], out var name))
            {
                throw error("has malformed percent-encoding in a parameter name", "Check each % is followed by two hex digits.");
            }

            name = name.ToLowerInvariant();
            if (equals < 0)
            {
                throw afterPassword
                    ? error("has a parameter without '=' right after the password", "If the password contains '&', write it as %26.")
                    : error($"has the parameter '{name}' without a value", "Write parameters as name=value, e.g. ?sslmode=require.");
            }

            if (!LibpqParameters.Supported.Contains(name))
            {
                throw afterPassword
                    ? error("has an unsupported parameter right after the password (not shown, in case it is part of the password)", "If the password contains '&', write it as %26.")
                    : error($"has the unsupported parameter '{name}'", $"Supported parameters: {string.Join(", ", LibpqParameters.Supported)}. For other Npgsql settings use a Key=Value connection string.");
            }

            if (!PercentEncoding.TryDecode(pair[(equals + 1)..], out var value))
            {
                throw error(Redaction.IsSecretKeyword(name) ? "has malformed percent-encoding in the password" : $"has malformed percent-encoding in the value of '{name}'", "Write % as %25 and check each % is followed by two hex digits.");
            }

            result.Add((name, value, afterPassword));
            previous = name;
        }

        return result;
    }
}

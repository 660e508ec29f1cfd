using System.Globalization;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

// The libpq connection URI, postgresql://[user[:password]@][host[:port][,...]][/dbname][?name=value&...],
// mapped onto Npgsql settings. Parsing follows libpq's order so a URI that works with psql works here.
internal static class PostgresUri
{
    /// <summary>The query parameters we map to Npgsql; anything else is refused rather than ignored.</summary>
    public static readonly IReadOnlyList<string> SupportedParameters =
    [
        "application_name", "connect_timeout", "dbname", "host", "options", "password", "port",
        "sslcert", "sslkey", "sslmode", "sslrootcert", "target_session_attrs", "user",
    ];

    private const string EncodingHint =
        "Percent-encode special characters in the user name and password (@ as %40, : as %3A, / as %2F, ? as %3F, & as %26, % as %25).";

    // Npgsql caps its connect timeout (seconds).
    private const int MaxConnectTimeout = 1024;

    private readonly record struct HostEntry(string Host, int? Port);

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

        var hosts = new List<HostEntry>();
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

        var settings = new NpgsqlConnectionStringBuilder();
        var query = pos < rest.Length ? rest[(pos + 1)..] : "";
        string? queryHosts = null;
        string? queryPorts = null;
        foreach (var (name, value, afterPassword) in ParseQuery(query, Error))
        {
            switch (name)
            {
                case "host":
                    queryHosts = value;
                    break;
                case "port":
                    queryPorts = value;
                    break;
                case "user":
                    user = value.Length == 0 ? null : value;
                    break;
                case "password":
                    password = value;
                    break;
                case "dbname":
                    database = value.Length == 0 ? null : value;
                    break;
                default:
                    // A value that may be a piece of the password is never echoed.
                    ApplySetting(settings, name, value, afterPassword ? "(not shown)" : value, Error);
                    break;
            }
        }

        // Query host and port override the authority, whatever their order in the query.
        if (queryHosts is not null)
        {
            hosts = [.. queryHosts.Split(',').Select(h => new HostEntry(ParseHostName(h, isBracketed: false, Error), null))];
        }

        if (queryPorts is not null)
        {
            hosts = ApplyQueryPorts(hosts, queryPorts, settings, Error);
        }

        SetHosts(settings, hosts);
        settings.Username = user;
        settings.Password = password;
        settings.Database = database;
        return settings;
    }

    private static HostEntry ParseHostEntry(string entry, Func<string, string, ConnectionStringException> error)
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

        var host = ParseHostName(rawHost, isBracketed, error);
        int? port = string.IsNullOrEmpty(rawPort) ? null : ParsePort(rawPort, error);
        return new HostEntry(host, port);
    }

    private static string ParseHostName(string rawHost, bool isBracketed, Func<string, string, ConnectionStringException> error)
    {
        if (!PercentEncoding.TryDecode(rawHost, out var host))
        {
            throw error("has malformed percent-encoding in a host", "Write a Unix socket directory as %2Fvar%2Frun%2Fpostgresql, or use ?host=/var/run/postgresql.");
        }

        // A decoded '/' means a Unix socket directory, which Npgsql takes as the host as is.
        var valid = host.Length == 0
            || host.StartsWith('/')
            || (isBracketed && host.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '%'))
            || host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
        if (!valid)
        {
            // The usual cause is a password with an unencoded '@' or '/', so no part is echoed.
            throw error("has a host that is not a valid host name, IP address or socket directory", EncodingHint);
        }

        return host;
    }

    private static int ParsePort(string rawPort, Func<string, string, ConnectionStringException> error)
    {
        if (!rawPort.All(char.IsAsciiDigit) || !int.TryParse(rawPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            // The text may be part of a password (user:pass/word without '@'), so it is not echoed.
            throw error("has a port that is not a number from 1 to 65535", "Write the port as digits after the host, e.g. host:5432. " + EncodingHint);
        }

        return port;
    }

    private static List<HostEntry> ApplyQueryPorts(List<HostEntry> hosts, string value, NpgsqlConnectionStringBuilder settings, Func<string, string, ConnectionStringException> error)
    {
        var ports = value.Split(',').Select(p => ParsePort(p, error)).ToList();
        if (ports.Count == 1)
        {
            // libpq: a single port applies to every host.
            settings.Port = ports[0];
            return [.. hosts.Select(h => h with { Port = null })];
        }

        if (ports.Count != hosts.Count)
        {
            throw error($"gives {ports.Count} ports for {hosts.Count} hosts", "Give one port, or one port per host in the same order.");
        }

        return [.. hosts.Select((h, i) => h with { Port = ports[i] })];
    }

    private static void SetHosts(NpgsqlConnectionStringBuilder settings, List<HostEntry> hosts)
    {
        if (hosts.Count == 1)
        {
            settings.Host = hosts[0].Host.Length == 0 ? null : hosts[0].Host;
            if (hosts[0].Port is int port)
            {
                settings.Port = port;
            }

            return;
        }

        if (hosts.Count > 1)
        {
            // Npgsql reads per-host ports from "host:port" entries and needs brackets around IPv6.
            settings.Host = string.Join(",", hosts.Select(h =>
            {
                var name = h.Host.Contains(':', StringComparison.Ordinal) && !h.Host.StartsWith('/') ? $"[{h.Host}]" : h.Host;
                return h.Port is int port ? $"{name}:{port.ToString(CultureInfo.InvariantCulture)}" : name;
            }));
        }
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
            var afterPassword = previous == "password";
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

            if (!SupportedParameters.Contains(name))
            {
                throw afterPassword
                    ? error("has an unsupported parameter right after the password (not shown, in case it is part of the password)", "If the password contains '&', write it as %26.")
                    : error($"has the unsupported parameter '{name}'", $"Supported parameters: {string.Join(", ", SupportedParameters)}. For other Npgsql settings use a Key=Value connection string.");
            }

            if (!PercentEncoding.TryDecode(pair[(equals + 1)..], out var value))
            {
                throw error(name == "password" ? "has malformed percent-encoding in the password" : $"has malformed percent-encoding in the value of '{name}'", "Write % as %25 and check each % is followed by two hex digits.");
            }

            result.Add((name, value, afterPassword));
            previous = name;
        }

        return result;
    }

    private static void ApplySetting(NpgsqlConnectionStringBuilder settings, string name, string value, string shownValue, Func<string, string, ConnectionStringException> error)
    {
        switch (name)
        {
            case "sslmode":
                settings.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw error($"has sslmode={shownValue}, which is not a libpq SSL mode", "Use one of disable, allow, prefer, require, verify-ca, verify-full."),
                };
                break;
            case "connect_timeout":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxConnectTimeout)
                {
                    throw error($"has connect_timeout={shownValue}, which is not a whole number of seconds from 0 to {MaxConnectTimeout}", "Write e.g. connect_timeout=10 (0 waits indefinitely).");
                }

                settings.Timeout = seconds;
                break;
            case "target_session_attrs":
                try
                {
                    settings.TargetSessionAttributes = value;
                }
                catch (ArgumentException)
                {
                    throw error($"has target_session_attrs={shownValue}, which is not supported", "Use one of any, read-write, read-only, primary, standby, prefer-primary, prefer-standby.");
                }

                break;
            case "application_name":
                settings.ApplicationName = value;
                break;
            case "options":
                settings.Options = value;
                break;
            case "sslrootcert":
                settings.RootCertificate = value;
                break;
            case "sslcert":
                settings.SslCertificate = value;
                break;
            case "sslkey":
                settings.SslKey = value;
                break;
            default:
                throw new InvalidOperationException($"Parameter '{name}' is listed as supported but not mapped.");
        }
    }
}

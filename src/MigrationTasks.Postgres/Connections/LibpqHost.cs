using System.Globalization;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

/// <summary>One host of a libpq host list, with its own port when it has one.</summary>
internal readonly record struct LibpqHost(string Host, int? Port)
{
    private const string EncodingHint =
        "Percent-encode special characters in the user name and password (@ as %40, : as %3A, / as %2F, ? as %3F, & as %26, % as %25).";

    /// <summary>Checks a host name; <paramref name="encoded"/> for a URI's authority, the one place a host is percent-encoded.</summary>
    public static string ParseName(string rawHost, bool isBracketed, bool encoded, Func<string, string, ConnectionStringException> error)
    {
        var host = rawHost;
        if (encoded && !PercentEncoding.TryDecode(rawHost, out host))
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

    public static int ParsePort(string rawPort, Func<string, string, ConnectionStringException> error)
    {
        if (!rawPort.All(char.IsAsciiDigit) || !int.TryParse(rawPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            // The text may be part of a password (user:pass/word without '@'), so it is not echoed.
            throw error("has a port that is not a number from 1 to 65535", "Write the port as digits after the host, e.g. host:5432. " + EncodingHint);
        }

        return port;
    }

    public static void SetHosts(NpgsqlConnectionStringBuilder settings, List<LibpqHost> hosts)
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
}

using System.Globalization;
using Npgsql;

namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// The libpq parameters shared by a URI's query (<c>?sslmode=require</c>) and the keyword/value form
/// (<c>sslmode=require</c>), mapped onto Npgsql settings. Later values win, as in libpq; host and port
/// lists pair up by position.
/// </summary>
internal sealed class LibpqParameters
{
    /// <summary>The parameters we map to Npgsql; anything else is refused rather than ignored.</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        "application_name", "connect_timeout", "dbname", "gssencmode", "host", "options", "passfile", "password", "port",
        "sslcert", "sslkey", "sslmode", "sslpassword", "sslrootcert", "target_session_attrs", "user",
    ];

    // Npgsql caps its connect timeout (seconds).
    private const int MaxConnectTimeout = 1024;

    private readonly Func<string, string, ConnectionStringException> _error;
    private readonly NpgsqlConnectionStringBuilder _settings = new();
    private string? _hosts;
    private string? _ports;

    public LibpqParameters(Func<string, string, ConnectionStringException> error) => _error = error;

    public List<LibpqHost> Hosts { get; set; } = [];

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? Database { get; set; }

    /// <summary>Sets one parameter; <paramref name="shownValue"/> is what an error may echo ("(not shown)" near a password).</summary>
    public void Set(string name, string value, string shownValue)
    {
        switch (name)
        {
            case "host":
                _hosts = value;
                break;
            case "port":
                _ports = value;
                break;
            case "user":
                User = value.Length == 0 ? null : value;
                break;
            case "password":
                Password = value;
                break;
            case "dbname":
                Database = value.Length == 0 ? null : value;
                break;
            default:
                ApplySetting(name, value, Redaction.IsSecretKeyword(name) ? "(not shown)" : shownValue);
                break;
        }
    }

    public NpgsqlConnectionStringBuilder Build()
    {
        var list = Hosts;
        if (_hosts is not null)
        {
            list = [.. _hosts.Split(',').Select(h => new LibpqHost(LibpqHost.ParseName(h, isBracketed: false, encoded: false, _error), null))];
        }

        if (_ports is not null)
        {
            list = ApplyPorts(list, _ports);
        }

        LibpqHost.SetHosts(_settings, list);
        _settings.Username = User;
        _settings.Password = Password;
        _settings.Database = Database;
        return _settings;
    }

    private List<LibpqHost> ApplyPorts(List<LibpqHost> list, string value)
    {
        var numbers = value.Split(',').Select(p => LibpqHost.ParsePort(p, _error)).ToList();
        if (numbers.Count == 1)
        {
            // libpq: a single port applies to every host.
            _settings.Port = numbers[0];
            return [.. list.Select(h => h with { Port = null })];
        }

        if (numbers.Count != list.Count)
        {
            throw _error($"gives {numbers.Count} ports for {list.Count} hosts", "Give one port, or one port per host in the same order.");
        }

        return [.. list.Select((h, i) => h with { Port = numbers[i] })];
    }

    private void ApplySetting(string name, string value, string shownValue)
    {
        switch (name)
        {
            case "sslmode":
                _settings.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw _error($"has sslmode={shownValue}, which is not a libpq SSL mode", "Use one of disable, allow, prefer, require, verify-ca, verify-full."),
                };
                break;
            case "gssencmode":
                _settings.GssEncryptionMode = value switch
                {
                    "disable" => GssEncryptionMode.Disable,
                    "prefer" => GssEncryptionMode.Prefer,
                    "require" => GssEncryptionMode.Require,
                    _ => throw _error($"has gssencmode={shownValue}, which is not a libpq GSS encryption mode", "Use one of disable, prefer, require."),
                };
                break;
            case "connect_timeout":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxConnectTimeout)
                {
                    throw _error($"has connect_timeout={shownValue}, which is not a whole number of seconds from 0 to {MaxConnectTimeout}", "Write e.g. connect_timeout=10 (0 waits indefinitely).");
                }

                _settings.Timeout = seconds;
                break;
            case "target_session_attrs":
                try
                {
                    _settings.TargetSessionAttributes = value;
                }
                catch (ArgumentException)
                {
                    throw _error($"has target_session_attrs={shownValue}, which is not supported", "Use one of any, read-write, read-only, primary, standby, prefer-primary, prefer-standby.");
                }

                break;
            case "application_name":
                _settings.ApplicationName = value;
                break;
            case "options":
                _settings.Options = value;
                break;
            case "passfile":
                _settings.Passfile = value;
                break;
            case "sslpassword":
                _settings.SslPassword = value;
                break;
            case "sslrootcert":
                _settings.RootCertificate = value;
                break;
            case "sslcert":
                _settings.SslCertificate = value;
                break;
            case "sslkey":
                _settings.SslKey = value;
                break;
            default:
                throw new InvalidOperationException($"Parameter '{name}' is listed as supported but not mapped.");
        }
    }
}

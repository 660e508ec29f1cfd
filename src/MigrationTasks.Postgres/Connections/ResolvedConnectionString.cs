using Npgsql;

namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// A connection setting and where it came from, so messages can point at the place to fix.
/// <see cref="ToString"/> is redacted: the raw <see cref="Value"/> holds the password.
/// </summary>
public sealed class ResolvedConnectionString
{
    public ResolvedConnectionString(string value, ConnectionOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Origin = origin;
    }

    /// <summary>A connection setting other than the main one (a fleet's <c>--tenants-connection</c>), named <paramref name="originName"/> in messages.</summary>
    public ResolvedConnectionString(string value, ConnectionOrigin origin, string originName)
        : this(value, origin)
    {
        ArgumentNullException.ThrowIfNull(originName);
        _originName = originName;
    }

    private readonly string? _originName;

    /// <summary>The setting as given, password included: never print it; use <see cref="Redacted"/>.</summary>
    public string Value { get; }

    public ConnectionOrigin Origin { get; }

    /// <summary>The name users know the origin by: <c>--connection</c>, <c>MIGRATION_DATABASE_URL</c>, <c>DATABASE_URL</c> or the one given.</summary>
    public string OriginName => _originName ?? ConnectionSource.NameOf(Origin);

    /// <summary>The value with its password replaced by ***.</summary>
    public string Redacted => ConnectionStringParser.Redact(Value);

    /// <summary>Parses the value; the error names the origin so the user knows which setting to fix.</summary>
    /// <exception cref="ConnectionStringException">The value is not a usable connection string.</exception>
    public NpgsqlConnectionStringBuilder Parse()
    {
        try
        {
            return ConnectionStringParser.Parse(Value);
        }
        catch (ConnectionStringException e)
        {
            throw new ConnectionStringException($"{OriginName}: {e.Message}", e);
        }
    }

    public override string ToString() => $"{OriginName}: {Redacted}";
}

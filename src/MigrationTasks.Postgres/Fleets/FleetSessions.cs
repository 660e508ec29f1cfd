using System.Data;
using System.Text.RegularExpressions;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using Npgsql;

namespace MigrationTasks.Postgres.Fleets;

/// <summary>
/// The work sessions of a fleet's tenants that live in the fleet's own database (schema per tenant), kept open
/// from one tenant to the next. A tenant then pays no connect and no new server backend, and its catalog queries
/// find the backend's catalog caches warm: a fresh backend spends tens of milliseconds loading them for the first
/// schema fingerprint, more than the query itself. A tenant takes a session, sets its search_path and
/// application_name on it, and hands it back clean (DISCARD ALL: settings, role, temporary tables, prepared
/// statements and advisory locks, the work lock among them), or closed when that fails. A session is kept
/// only between tenants, so <c>--parallel N</c> still has at most N work sessions.
/// </summary>
public sealed partial class FleetSessions : IAsyncDisposable
{
    private readonly Stack<NpgsqlConnection> _idle = new();
    private readonly Lock _gate = new();
    private readonly PostgresProvider _provider;

    public FleetSessions(PostgresSettings fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        _provider = new PostgresProvider(fleet);
    }

    /// <summary>
    /// Whether the tenants of a fleet may share kept sessions. Not when a migration resets the search_path
    /// (RESET ALL, RESET search_path, SET search_path TO DEFAULT, DISCARD ALL): in a kept session that returns to
    /// the fleet connection's search_path, not the tenant's schema, and the objects after it would land elsewhere.
    /// Such a fleet opens a session per tenant, as before. A mention in a comment or a string only costs the speed.
    /// </summary>
    public static bool CanServe(MigrationSet migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        return !migrations.Migrations
            .SelectMany(m => m.Down is { } down ? [m.Up, down] : new[] { m.Up })
            .Any(script => SearchPathReset().IsMatch(script.Text));
    }

    [GeneratedRegex(@"\b(RESET\s+(ALL|""?search_path""?)|DISCARD\s+ALL|search_path\s*(TO|=)\s*DEFAULT)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SearchPathReset();

    /// <summary>A session for a tenant whose own connection settings are <paramref name="tenant"/> (its search_path and application_name).</summary>
    internal async Task<NpgsqlConnection> TakeAsync(NpgsqlConnectionStringBuilder tenant, IRunObserver observer, CancellationToken cancellationToken)
    {
        if (TakeIdle() is { } kept)
        {
            try
            {
                return await SetTenantAsync(kept, tenant, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // A kept session the server dropped while it was idle (a restart, an idle timeout): the tenant connects anew.
            }
        }

        return await SetTenantAsync(await _provider.OpenConnectionAsync(observer, cancellationToken).ConfigureAwait(false), tenant, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<NpgsqlConnection> SetTenantAsync(NpgsqlConnection connection, NpgsqlConnectionStringBuilder tenant, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new NpgsqlBatch(connection) { BatchCommands = { SetTenant(tenant) } };
            await using var batchLifetime = batch.ConfigureAwait(false);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Gives a kept session the tenant's search_path and application_name, which a session of its own has from its
    /// connect: when taken, and again after each migration's RESET ALL (<see cref="Execution.SessionReset"/>), which
    /// returns them to the fleet connection's. set_config takes the values as parameters, so no name needs quoting;
    /// a null search_path keeps the fleet's.
    /// </summary>
    internal static NpgsqlBatchCommand SetTenant(NpgsqlConnectionStringBuilder tenant) => new(
        "SELECT set_config('search_path', coalesce($1, current_setting('search_path')), false), set_config('application_name', coalesce($2, current_setting('application_name')), false)")
    {
        Parameters =
        {
            new NpgsqlParameter { Value = (object?)tenant.SearchPath ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)tenant.ApplicationName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
        },
    };

    /// <summary>Takes a tenant's session back: cleaned for the next tenant, or closed when it cannot be (lost, or left in a transaction).</summary>
    internal async ValueTask GiveBackAsync(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                // Refused inside a transaction block, which is then rolled back with the closed session.
                var discard = new NpgsqlCommand("DISCARD ALL", connection) { CommandTimeout = 30 };
                await using var discardLifetime = discard.ConfigureAwait(false);
                await discard.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                lock (_gate)
                {
                    _idle.Push(connection);
                }

                return;
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private NpgsqlConnection? TakeIdle()
    {
        lock (_gate)
        {
            while (_idle.TryPop(out var connection))
            {
                if (connection.State == ConnectionState.Open)
                {
                    return connection;
                }

                connection.Dispose();
            }

            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<NpgsqlConnection> idle;
        lock (_gate)
        {
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Fleets;
using Npgsql;

namespace MigrationTasks.Postgres.Fleets;

/// <summary>
/// Reads a fleet's tenants with the user's query (--tenants-query): column 1 is the key, columns named
/// <c>schema</c> and <c>connection_string</c> say where the tenant lives, any other column is a tag.
/// Runs in a read-only transaction, so a query typed into the wrong option changes nothing.
/// </summary>
public static class TenantQuery
{
    public static async Task<IReadOnlyList<Tenant>> ReadAsync(PostgresProvider provider, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var connection = await provider.OpenConnectionAsync(SilentObserver.Instance, cancellationToken).ConfigureAwait(false);
        await using var connectionLifetime = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionLifetime = transaction.ConfigureAwait(false);
        var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
        await using (readOnly.ConfigureAwait(false))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var tenants = new List<Tenant>();
        try
        {
            // Every column in PostgreSQL's own text form: a key or tag of any type (inet, bit, an array, a timestamp) reads as
            // the server writes it, where the runner's slim type mapping would refuse some types and spell others its own way.
            var command = new NpgsqlCommand(sql, connection, transaction) { AllResultTypesAreUnknown = true };
            await using var commandLifetime = command.ConfigureAwait(false);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerLifetime = reader.ConfigureAwait(false);
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < names.Count; i++)
                {
                    // The key column keeps a fixed name, whatever the query calls it.
                    fields[i == 0 ? "key" : names[i]] = reader.IsDBNull(i) ? "" : reader.GetString(i);
                }

                tenants.Add(TenantList.Columns(fields));
            }
        }
        catch (PostgresException e)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.TenantQueryFailed,
                $"the tenants query failed: {e.SqlState}: {e.MessageText}; fix the query (column 1 is the tenant key, optional columns schema and connection_string)"), e);
        }

        return tenants;
    }
}

using MigrationTasks.Postgres.Schema;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>
/// How the server runs the fingerprint query. Its estimated cost grows with the schema and passes jit_above_cost on
/// some thousands of tables; compiling its expressions then cost 400 ms, more than the whole query, so the output
/// settings switch JIT off for the transaction.
/// </summary>
public sealed class FingerprintQueryPlanTests
{
    [Test]
    public async Task The_fingerprint_query_is_never_jit_compiled()
    {
        // Given a server that can JIT-compile, and a session that would compile any query (jit_above_cost 0)
        await using var database = await SchemaDatabase.BuiltAsync("CREATE TABLE t (id int PRIMARY KEY, note text DEFAULT 'x');\n");
        await using var connection = await database.OpenConnectionAsync();
        Assume.That(await ScalarAsync<bool>(connection, "SELECT pg_jit_available()"), "this server has no JIT provider (llvmjit)");
        await ScalarAsync<string>(connection, "SELECT set_config('jit_above_cost', '0', false)");

        // When the query runs under the fingerprint's output settings
        var fingerprint = new CatalogFingerprint("public", "migrationtasks_history");
        await ScalarAsync<object>(connection, "BEGIN");
        await using (var settings = new NpgsqlCommand(CatalogFingerprint.FixOutputSettings().CommandText, connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        var plan = await ScalarAsync<string>(connection, "EXPLAIN (ANALYZE, FORMAT JSON) " + fingerprint.Query());
        await ScalarAsync<object>(connection, "ROLLBACK");

        // Then the plan compiled nothing
        Assert.That(plan, Does.Not.Contain("\"JIT\""));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

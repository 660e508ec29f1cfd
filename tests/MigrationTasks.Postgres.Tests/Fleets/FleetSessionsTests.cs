using MigrationTasks.Execution;
using MigrationTasks.Postgres.Fleets;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Fleets;

/// <summary>A kept work session goes from one tenant to the next clean: nothing of the first tenant's session reaches the second.</summary>
public sealed class FleetSessionsTests
{
    [Test]
    public async Task A_session_given_back_holds_no_lock_setting_or_temporary_table_of_its_tenant()
    {
        // Given a kept session that a tenant used: its work lock, a setting, a role and a temporary table
        await using var database = await TestDatabase.CreateAsync();
        var fleet = new PostgresSettings(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "fleet" }) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        await using var sessions = new FleetSessions(fleet);
        var first = await sessions.TakeAsync(new NpgsqlConnectionStringBuilder { SearchPath = "\"Tenant A\"", ApplicationName = "fleet/a" }, SilentObserver.Instance, CancellationToken.None);
        var pid = first.ProcessID;
        await RunAsync(first, "SELECT pg_advisory_lock(1, 2)", "SET statement_timeout = '5s'", "CREATE TEMP TABLE scratch (a int)");

        // When it is given back and the next tenant takes it
        await sessions.GiveBackAsync(first);
        var second = await sessions.TakeAsync(new NpgsqlConnectionStringBuilder { SearchPath = "b", ApplicationName = "fleet/b" }, SilentObserver.Instance, CancellationToken.None);

        // Then it is the same server process, with the second tenant's settings and nothing of the first's
        Assert.That(second.ProcessID, Is.EqualTo(pid));
        Assert.That(await database.ScalarAsync<long>($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = {pid}"), Is.Zero);
        await using var read = new NpgsqlCommand("SELECT current_setting('search_path'), current_setting('application_name'), current_setting('statement_timeout'), to_regclass('pg_temp.scratch') IS NULL", second);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.That((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)), Is.EqualTo(("b", "fleet/b", "0", true)));
    }

    [Test]
    public async Task A_session_left_in_a_transaction_is_closed_rather_than_kept()
    {
        await using var database = await TestDatabase.CreateAsync();
        var fleet = new PostgresSettings(new NpgsqlConnectionStringBuilder(database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        await using var sessions = new FleetSessions(fleet);
        var first = await sessions.TakeAsync(new NpgsqlConnectionStringBuilder { SearchPath = "a" }, SilentObserver.Instance, CancellationToken.None);
        var pid = first.ProcessID;
        await RunAsync(first, "BEGIN", "SELECT pg_advisory_xact_lock(7)");

        await sessions.GiveBackAsync(first);
        var second = await sessions.TakeAsync(new NpgsqlConnectionStringBuilder { SearchPath = "b" }, SilentObserver.Instance, CancellationToken.None);

        Assert.That(second.ProcessID, Is.Not.EqualTo(pid));
        await second.DisposeAsync();
    }

    // The runner's sessions take one statement per command (SQL rewriting is off), so several go as a batch.
    private static async Task RunAsync(NpgsqlConnection connection, params string[] statements)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }

        await batch.ExecuteNonQueryAsync();
    }
}

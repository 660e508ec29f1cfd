using MigrationTasks.Execution;
using MigrationTasks.Postgres.Fleets;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Fleets;

/// <summary>A kept work session goes from one tenant to the next clean: nothing of the first tenant's session reaches the second.</summary>
public sealed class FleetSessionsTests
{
    private TestDatabase _database = null!;
    private FleetSessions _sessions = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        var fleet = new PostgresSettings(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { ApplicationName = "fleet" }) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        _sessions = new FleetSessions(fleet);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _sessions.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<NpgsqlConnection> TakeAsync(string searchPath, string? applicationName = null) =>
        _sessions.TakeAsync(new NpgsqlConnectionStringBuilder { SearchPath = searchPath, ApplicationName = applicationName }, SilentObserver.Instance, CancellationToken.None);

    [Test]
    public async Task A_session_given_back_holds_no_lock_setting_or_temporary_table_of_its_tenant()
    {
        // Given a kept session that a tenant used: its work lock, a setting, a role and a temporary table
        var first = await TakeAsync("\"Tenant A\"", "fleet/a");
        var pid = first.ProcessID;
        await RunAsync(first, "SELECT pg_advisory_lock(1, 2)", "SET statement_timeout = '5s'", "CREATE TEMP TABLE scratch (a int)");

        // When it is given back and the next tenant takes it
        await _sessions.GiveBackAsync(first);
        var second = await TakeAsync("b", "fleet/b");

        // Then it is the same server process, with the second tenant's settings and nothing of the first's
        Assert.That(second.ProcessID, Is.EqualTo(pid));
        Assert.That(await _database.ScalarAsync<long>($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = {pid}"), Is.Zero);
        await using var read = new NpgsqlCommand("SELECT current_setting('search_path'), current_setting('application_name'), current_setting('statement_timeout'), to_regclass('pg_temp.scratch') IS NULL", second);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.That((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)), Is.EqualTo(("b", "fleet/b", "0", true)));
    }

    [Test]
    public async Task A_session_left_in_a_transaction_is_closed_rather_than_kept()
    {
        var first = await TakeAsync("a");
        var pid = first.ProcessID;
        await RunAsync(first, "BEGIN", "SELECT pg_advisory_xact_lock(7)");

        await _sessions.GiveBackAsync(first);
        var second = await TakeAsync("b");

        Assert.That(second.ProcessID, Is.Not.EqualTo(pid));
        await second.DisposeAsync();
    }

    [Test]
    public async Task A_kept_session_the_server_ended_while_idle_is_replaced_by_a_new_one()
    {
        var first = await TakeAsync("a");
        var pid = first.ProcessID;
        await _sessions.GiveBackAsync(first);

        // When the server ends the idle session (a restart, idle_session_timeout)
        await _database.ExecuteAsync($"SELECT pg_terminate_backend({pid}, 5000)");

        // Then the next tenant gets a working session of its own
        var second = await TakeAsync("b");
        Assert.That(second.ProcessID, Is.Not.EqualTo(pid));
        await using var read = new NpgsqlCommand("SELECT current_setting('search_path')", second);
        Assert.That(await read.ExecuteScalarAsync(), Is.EqualTo("b"));
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

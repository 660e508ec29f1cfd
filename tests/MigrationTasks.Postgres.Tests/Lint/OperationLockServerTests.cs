using System.Globalization;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// The locks, copies and blocking behind the operation rules, on the server: which relation locks a
/// statement holds (pg_locks), whether it writes new files (relfilenode), what a second session sees.
/// </summary>
public sealed class OperationLockServerTests
{
    [Test]
    public async Task A_domain_constraint_blocks_writes_to_every_table_using_it_unless_not_valid()
    {
        await using var database = await ServerScript.SetUpAsync("CREATE DOMAIN positive AS int", "CREATE TABLE stock (n positive)", "INSERT INTO stock VALUES (1)");

        var checking = await ServerScript.TableLocksAsync(database, "stock", "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0)");
        var notValid = await ServerScript.TableLocksAsync(database, "stock", "ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID");
        var notNull = await ServerScript.TableLocksAsync(database, "stock", "ALTER DOMAIN positive SET NOT NULL");

        Assert.That(checking, Does.Contain("ShareLock"));
        Assert.That(notNull, Does.Contain("ShareLock"));
        Assert.That(notValid, Is.Empty);
    }

    [Test]
    public async Task Refreshing_without_concurrently_makes_a_reader_in_another_session_wait()
    {
        await using var database = await ServerScript.SetUpAsync("CREATE MATERIALIZED VIEW totals AS SELECT 1 AS n");
        await using var refresher = await database.OpenConnectionAsync();
        await using var reader = await database.OpenConnectionAsync();
        await using var transaction = await refresher.BeginTransactionAsync();
        await using (var refresh = new NpgsqlCommand("REFRESH MATERIALIZED VIEW totals", refresher, transaction))
        {
            await refresh.ExecuteNonQueryAsync();
        }

        await using (var timeout = new NpgsqlCommand("SET lock_timeout = '200ms'", reader))
        {
            await timeout.ExecuteNonQueryAsync();
        }

        await using var read = new NpgsqlCommand("SELECT n FROM totals", reader);
        var error = Assert.CatchAsync<PostgresException>(() => read.ExecuteScalarAsync());

        Assert.That(error!.SqlState, Is.EqualTo("55P03"));
    }

    [TestCase("ALTER TABLE orders SET TABLESPACE {0}", "orders")]
    [TestCase("ALTER INDEX orders_total_idx SET TABLESPACE {0}", "orders_total_idx")]
    [TestCase("ALTER MATERIALIZED VIEW totals SET TABLESPACE {0}", "totals")]
    [TestCase("ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE {0}", "orders")]
    public async Task Moving_to_another_tablespace_copies_the_relation_under_an_access_exclusive_lock(string move, string relation)
    {
        var tablespace = $"moved_{Guid.NewGuid():N}";
        await using var database = await ServerScript.SetUpAsync(
            "CREATE TABLE orders (id bigint, total numeric)", "INSERT INTO orders SELECT g, g FROM generate_series(1, 50) g",
            "CREATE INDEX orders_total_idx ON orders (total)", "CREATE MATERIALIZED VIEW totals AS SELECT sum(total) FROM orders");
        await using var connection = await database.OpenConnectionAsync();
        await ServerScript.ExecuteAsync(connection, "SET allow_in_place_tablespaces = on");
        await ServerScript.ExecuteAsync(connection, $"CREATE TABLESPACE {tablespace} LOCATION ''");
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var before = await ServerScript.ScalarAsync(connection, $"SELECT relfilenode FROM pg_class WHERE oid = '{relation}'::regclass");
            await ServerScript.ExecuteAsync(connection, string.Format(CultureInfo.InvariantCulture, move, tablespace));
            var after = await ServerScript.ScalarAsync(connection, $"SELECT relfilenode FROM pg_class WHERE oid = '{relation}'::regclass");
            var locked = await ServerScript.ScalarAsync(connection,
                $"SELECT count(*) FROM pg_locks WHERE relation = '{relation}'::regclass AND mode = 'AccessExclusiveLock' AND pid = pg_backend_pid()");
            await transaction.RollbackAsync();

            Assert.That(after, Is.Not.EqualTo(before));
            Assert.That(locked, Is.EqualTo(1L));
        }
        finally
        {
            await ServerScript.ExecuteAsync(connection, $"DROP TABLESPACE {tablespace}");
        }
    }

    [Test]
    public async Task Terminating_backends_kills_another_sessions_work()
    {
        await using var database = await ServerScript.SetUpAsync();
        await using var victim = await database.OpenConnectionAsync();
        await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", victim);
        var victimPid = (int)(await pid.ExecuteScalarAsync())!;

        await database.ExecuteAsync($"SELECT pg_terminate_backend({victimPid})");

        await using var query = new NpgsqlCommand("SELECT 1", victim);
        var error = Assert.CatchAsync<PostgresException>(() => query.ExecuteScalarAsync());

        Assert.That(error!.SqlState, Is.EqualTo("57P01"));
    }
}

using MigrationTasks.Cli.Tests.Support;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The database refusing the runner's own work before any migration runs: a read-only database, a
/// role without CREATE, a role-level statement_timeout, a dropped public schema. Each is exit 5 with
/// its own code, the SQLSTATE and the next step, and the database is left as it was.
/// </summary>
public sealed class ServerRefusalTests : DatabaseTest
{
    // Roles are cluster-wide: one per test, dropped after it.
    private string _role = null!;

    [SetUp]
    public void NameRole() => _role = "mt_refused_" + Guid.NewGuid().ToString("N")[..8];

    [TearDown]
    public async Task DropRole()
    {
        if (await Database.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{_role}')"))
        {
            await Database.ExecuteAsync($"DROP OWNED BY {_role}");
            await Database.ExecuteAsync($"DROP ROLE {_role}");
        }
    }

    [Test]
    public async Task A_read_only_database_is_exit_5_naming_default_transaction_read_only_before_any_migration()
    {
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id int);");
        await Run(migrations, "up");
        migrations.Add("0002_b.sql", "CREATE TABLE b (id int);");
        await Database.ExecuteAsync($"ALTER DATABASE \"{Database.Name}\" SET default_transaction_read_only = on");

        var result = await Run(migrations, "up");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.All, Does.Contain("error MT3011:").And.Contain("25006").And.Contain("default_transaction_read_only"));
        Assert.That(result.All, Does.Not.Contain("MT3003").And.Not.Contain("internal error"));
        Assert.That(await Database.TableExistsAsync("public", "b"), Is.False);
    }

    [Test]
    public async Task A_role_without_create_on_the_history_schema_is_exit_5_with_42501_and_the_grant_to_make()
    {
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id int);");
        var connection = await LoginRoleAsync();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.All, Does.Contain("error MT3013:").And.Contain("42501").And.Contain("CREATE on the history schema").And.Contain("nothing was changed"));
        Assert.That(await Database.TableExistsAsync("public", "migrationtasks_history"), Is.False);
    }

    [Test]
    public async Task A_privilege_refused_after_migrations_were_applied_does_not_say_nothing_was_changed()
    {
        // Given a runner role that creates (so owns) the history table, and a no-transaction migration that takes the role's own right to write the history
        using var migrations = new Migrations()
            .Add("0001_a.sql", "CREATE TABLE a (id int);")
            .Add("0002_b.sql", "-- migrate:no-transaction\nREVOKE INSERT, UPDATE ON migrationtasks_history FROM CURRENT_USER;\nCREATE TABLE b (id int);")
            .Add("0003_c.sql", "CREATE TABLE c (id int);");
        var connection = await LoginRoleAsync();
        await Database.ExecuteAsync($"GRANT CREATE ON SCHEMA public TO {_role}");

        // When up writes 0002's progress after its first statement
        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection);

        // Then MT3013 says what the run left behind: 0001 applied and 0002's first statement committed, not "nothing was changed"
        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("error MT3013:").And.Contain("42501").And.Contain("while applying migrations"));
        Assert.That(result.Error, Does.Not.Contain("nothing was changed"));
        Assert.That(result.Error, Does.Contain("the migrations reported done above stay done").And.Contain("migrations repair"));
        Assert.That(await Database.TableExistsAsync("public", "a"), Is.True);
        // and the refused row's transaction is ended: the failed run's audit row is written after it (it failed with 25P02)
        Assert.That(result.Error, Does.Not.Contain("MT3010").And.Not.Contain("25P02"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history_audit WHERE action = 'up' AND outcome = 'failed'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_role_that_may_not_create_the_history_schema_is_exit_5_with_42501()
    {
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id int);");
        using var config = new Migrations().Add("migrations.yaml", $"directory: {migrations.Path}\nhistory:\n  schema: deploy\n");
        var connection = await LoginRoleAsync();

        var result = await Tool.RunAsync("up", "--config", Path.Combine(config.Path, "migrations.yaml"), "--connection", connection);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.All, Does.Contain("error MT3013:").And.Contain("42501").And.Contain("permission denied for database"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'deploy'"), Is.Zero);
    }

    [Test]
    public async Task A_role_statement_timeout_cancelling_the_runners_own_query_is_exit_5_with_57014()
    {
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id int);");
        await Run(migrations, "up");
        var connection = await LoginRoleAsync();
        await Database.ExecuteAsync($"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {_role}");
        await Database.ExecuteAsync($"ALTER ROLE {_role} IN DATABASE \"{Database.Name}\" SET statement_timeout = '200ms'");
        // The history read waits behind this lock until the role's statement_timeout cancels it.
        await using var holder = await Database.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE migrationtasks_history IN ACCESS EXCLUSIVE MODE", holder, transaction).ExecuteNonQueryAsync();

        var result = await Tool.RunAsync("status", "--dir", migrations.Path, "--connection", connection);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.All, Does.Contain("error MT3012:").And.Contain("57014").And.Contain("statement_timeout"));
    }

    [Test]
    public async Task A_dropped_public_schema_is_created_again_for_the_history_as_documented()
    {
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE private.a (id int);");
        await Database.ExecuteAsync("DROP SCHEMA public CASCADE");
        await Database.ExecuteAsync("CREATE SCHEMA private");

        var result = await Run(migrations, "up");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("public", "migrationtasks_history"), Is.True);
        Assert.That(await Database.TableExistsAsync("private", "a"), Is.True);
    }

    [TestCase("ROLE")]
    [TestCase("DATABASE")]
    public async Task A_connection_limit_of_one_is_exit_5_at_once_naming_the_two_sessions_a_run_needs(string limited)
    {
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id int);");
        var connection = await LoginRoleAsync();
        await Database.ExecuteAsync($"GRANT CREATE ON SCHEMA public TO {_role}");
        var name = limited == "ROLE" ? _role : Database.Name;
        await Database.ExecuteAsync($"ALTER {limited} \"{name}\" CONNECTION LIMIT 1");
        // The harness's idle pooled sessions count against a database's limit (superusers only pass it): close them.
        await NoSessionsLeftAsync(Database.Name);

        // The lock's session is refused (53300) for as long as the work session holds the only slot: without the
        // check the connect retry waited out the whole timeout and then called the server unreachable (MT3002).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection, "--timeout", "60");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.All, Does.Contain("error MT3005:").And.Contain("two sessions").And.Contain("CONNECTION LIMIT 1")
            .And.Contain($"ALTER {limited} \"{name}\" CONNECTION LIMIT 2"));
        Assert.That(result.All, Does.Not.Contain("MT3002").And.Not.Contain("refused-secret"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "refused at once, not after the connect retry's deadline");
        Assert.That(await Database.TableExistsAsync("public", "a"), Is.False);
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE usename = '{_role}'"), Is.Zero, "no session left behind");
    }

    private async Task NoSessionsLeftAsync(string database)
    {
        using (var pooled = new NpgsqlConnection(Database.ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var elsewhere = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "postgres", Pooling = false }.ToString();
        await using var connection = new NpgsqlConnection(elsewhere);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'", connection);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((long)(await count.ExecuteScalarAsync())! > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    // A role that may log in to the test database and nothing more (PostgreSQL 15: no CREATE on public).
    private async Task<string> LoginRoleAsync()
    {
        await Database.ExecuteAsync($"CREATE ROLE {_role} LOGIN PASSWORD 'refused-secret'");
        return new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Username = _role, Password = "refused-secret" }.ToString();
    }
}

using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;
using MigrationTasks.Import;
using MigrationTasks.Postgres.Import;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// <c>migrations import</c> holds the other tool's own advisory lock while it reads that tool's table:
/// a session holding exactly the key the tool takes (docs/adopting.md) makes the import refuse, with
/// nothing written, instead of reading a history that is being written.
/// </summary>
public sealed class ForeignLockTests : DatabaseTest
{
    [Test]
    public async Task Import_refuses_while_flyway_holds_its_transactional_advisory_lock()
    {
        using var migrations = new Migrations().Add("V1__create_users.sql", "CREATE TABLE users (id bigint);");
        await FlywayHistoryAsync(migrations);
        // Flyway's default: pg_try_advisory_xact_lock(<key>) inside the transaction that migrates. The key of
        // "public"."flyway_schema_history", computed from Flyway's source (PostgreSQLAdvisoryLockTemplate.java
        // lines 38-54, PostgreSQLConnection.java lines 105-108, commit c5e20fc) with Java's own String.hashCode.
        await using var flyway = await Database.OpenConnectionAsync();
        await using var transaction = await flyway.BeginTransactionAsync();
        Assert.That(await TryLockAsync(flyway, "pg_try_advisory_xact_lock(77433833903597)"), Is.True);

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.LockNotAcquired), import.ToString());
        Assert.That(import.Error, Does.Contain("flyway holds its own migration lock"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.Zero);
    }

    // The migrate CLI names the database by its URL's path ("/db"), a Go program passing a connection by current_database().
    [TestCase(true)]
    [TestCase(false)]
    public async Task Import_refuses_while_golang_migrate_holds_its_advisory_lock(bool openedByUrl)
    {
        using var migrations = new Migrations().Add("0001_users.up.sql", "CREATE TABLE users (id bigint);").Add("0001_users.down.sql", "DROP TABLE users;");
        await SqlAsync("CREATE TABLE users (id bigint)", "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)", "INSERT INTO schema_migrations VALUES (1, false)");
        await using var migrate = await Database.OpenConnectionAsync();
        var key = ForeignLockKeys.GolangMigrate((openedByUrl ? "/" : "") + migrate.Database, "public", "schema_migrations");
        Assert.That(await TryLockAsync(migrate, $"pg_try_advisory_lock({key})"), Is.True);

        var import = await Run(migrations, "import");

        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.LockNotAcquired), import.ToString());
        Assert.That(import.Error, Does.Contain("golang-migrate holds its own migration lock"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.Zero);
    }

    private async Task FlywayHistoryAsync(Migrations migrations)
    {
        var checksum = ForeignChecksums.Flyway(File.ReadAllBytes(Path.Combine(migrations.Path, "V1__create_users.sql")));
        await SqlAsync("CREATE TABLE users (id bigint)", """
            CREATE TABLE flyway_schema_history (installed_rank int NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL,
              script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL)
            """, $"INSERT INTO flyway_schema_history VALUES (1, '1', 'create users', 'SQL', 'V1__create_users.sql', {checksum}, 'app', now(), 3, true)");
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string call)
    {
        await using var command = new NpgsqlCommand($"SELECT {call}", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}

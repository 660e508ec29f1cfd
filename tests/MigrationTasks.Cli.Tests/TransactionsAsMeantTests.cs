using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Issue 13, item 2: a file runs in the transactions it means. Its own BEGIN ... COMMIT runs unwrapped
/// and a failure says truthfully what stays committed; a file of statements that cannot run in a
/// transaction needs no directive; other tools' no-transaction directives are honoured.
/// </summary>
public sealed class TransactionsAsMeantTests : DatabaseTest
{
    private const string History = "migrationtasks_history";

    // Its first transaction commits a table; its second fails, after creating another one.
    private const string FailsAfterItsFirstCommit = "BEGIN;\nCREATE TABLE kept (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE lost (id int);\nSELECT * FROM no_such_table;\nCOMMIT;\n";

    [Test]
    public async Task A_file_with_its_own_begin_and_commit_runs_as_written_and_is_recorded_once_it_succeeds()
    {
        using var migrations = new Migrations()
            .Add("0001_two_transactions.sql", "BEGIN;\nCREATE TABLE users (id bigint PRIMARY KEY);\nCOMMIT;\n\nBEGIN ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE orders (id bigint PRIMARY KEY);\nCOMMIT;\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Database.TableExistsAsync("public", "orders"), Is.True);
        Assert.That(await Database.ScalarAsync<string>($"SELECT status || ' ' || transactional FROM {History}"), Is.EqualTo("applied false"));
    }

    [Test]
    public async Task A_file_that_fails_after_its_first_commit_keeps_that_commit_and_says_so()
    {
        using var migrations = new Migrations()
            .Add("0001_own_commits.sql", FailsAfterItsFirstCommit);

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.EqualTo(ExitCodes.RepairNeeded), up.ToString());
        Assert.That(up.Error, Does.Contain("MT3004").And.Contain("first 3 statement(s), through line 3, were committed and stay applied")
            .And.Contain("the transaction it opened at line 4 was rolled back").And.Not.Contain("rolled back and not recorded"));
        Assert.That(await Database.TableExistsAsync("public", "kept"), Is.True);
        Assert.That(await Database.TableExistsAsync("public", "lost"), Is.False);
        Assert.That(await Database.ScalarAsync<string>($"SELECT status || ' ' || failed_statement FROM {History}"), Is.EqualTo("failed 3"));
    }

    [Test]
    public async Task A_file_with_its_own_transactions_resumes_from_its_first_uncommitted_statement_once_fixed()
    {
        using var migrations = new Migrations()
            .Add("0001_own_commits.sql", FailsAfterItsFirstCommit);
        await Run(migrations, "up");
        migrations.Add("0001_own_commits.sql", "BEGIN;\nCREATE TABLE kept (id int);\nCOMMIT;\nBEGIN;\nCREATE TABLE lost (id int);\nSELECT * FROM kept;\nCOMMIT;\n");

        var resumed = await Run(migrations, "up", "--resume");

        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(await Database.TableExistsAsync("public", "lost"), Is.True);
        Assert.That(await Database.ScalarAsync<string>($"SELECT status FROM {History}"), Is.EqualTo("applied"));
    }

    [Test]
    public async Task A_file_with_its_own_transactions_that_committed_nothing_is_rolled_back_and_not_recorded()
    {
        using var migrations = new Migrations()
            .Add("0001_own_commit.sql", "BEGIN;\nCREATE TABLE lost (id int);\nSELECT 1 / 0;\nCOMMIT;\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.EqualTo(ExitCodes.MigrationFailed), up.ToString());
        Assert.That(up.Error, Does.Contain("MT3003").And.Contain("had committed nothing"));
        Assert.That(await Database.TableExistsAsync("public", "lost"), Is.False);
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {History}"), Is.Zero);
    }

    [Test]
    public async Task A_file_that_opens_a_transaction_and_never_ends_it_is_refused_before_anything_runs()
    {
        using var migrations = new Migrations().Add("0001_open.sql", "CREATE TABLE t (id int);\nBEGIN;\nCREATE TABLE u (id int);\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), up.ToString());
        Assert.That(up.Error, Does.Contain("MT1026").And.Contain("0001_open.sql(2,1)"));
        Assert.That(await Database.TableExistsAsync("public", "t"), Is.False);
    }

    [Test]
    public async Task A_file_whose_only_statement_cannot_run_in_a_transaction_runs_outside_one_without_a_directive()
    {
        using var migrations = new Migrations()
            .Add("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);")
            .Add("0002_users_email.sql", "-- one statement, as golang-migrate projects write them\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Database.ScalarAsync<string>($"SELECT string_agg(transactional::text, ',' ORDER BY version) FROM {History}"), Is.EqualTo("true,false"));
    }

    [Test]
    public async Task A_file_that_mixes_both_kinds_of_statement_without_a_directive_is_still_refused()
    {
        using var migrations = new Migrations()
            .Add("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), up.ToString());
        Assert.That(up.Error, Does.Contain("MT1018").And.Contain("0001_users.sql(2,1)"));
    }

    [Test]
    public async Task Morphs_nontransactional_directive_runs_the_file_outside_a_transaction()
    {
        using var migrations = new Migrations()
            .Add("0001_users.sql", "-- morph:nontransactional\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Database.ScalarAsync<bool>($"SELECT transactional FROM {History}"), Is.False);
    }

    [Test]
    public async Task Flyways_execute_in_transaction_false_script_config_runs_the_script_outside_a_transaction()
    {
        using var migrations = new Migrations()
            .Add("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n")
            .Add("V1__users.sql.conf", "# Flyway script configuration\nexecuteInTransaction=false\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(await Database.ScalarAsync<bool>($"SELECT transactional FROM {History}"), Is.False);
    }

    [Test]
    public async Task A_bundle_of_a_flyway_folder_keeps_the_execute_in_transaction_false_of_its_script_config()
    {
        using var migrations = new Migrations()
            .Add("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n")
            .Add("V1__users.sql.conf", "executeInTransaction=false\n");
        var bundle = Path.Combine(Path.GetTempPath(), "mt-bundle-" + Guid.NewGuid().ToString("N"));
        try
        {
            Bundles.BundleWriter.Write(Files.MigrationDirectory.Load(PostgresDialect.Instance, migrations.Path), bundle, "0.1.0");

            var up = await Tool.RunAsync("up", "--bundle", bundle, "--connection", Database.ConnectionString);

            Assert.That(up.ExitCode, Is.Zero, up.ToString());
            Assert.That(await Database.ScalarAsync<bool>($"SELECT transactional FROM {History}"), Is.False);
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }
}

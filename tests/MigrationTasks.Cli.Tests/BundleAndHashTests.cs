using MigrationTasks.Bundles;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Testing;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Cli.Tests;

public sealed class BundleAndHashTests
{
    private TestDatabase _database = null!;
    private Migrations _migrations = null!;
    private string _bundle = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _migrations = Migrations.Basic();
        _bundle = Path.Combine(Path.GetTempPath(), "mt-bundle-" + Guid.NewGuid().ToString("N"));
        BundleWriter.Write(MigrationDirectory.Load(PostgresDialect.Instance, _migrations.Path), _bundle, "0.1.0");
    }

    [TearDown]
    public async Task TearDown()
    {
        _migrations.Dispose();
        Directory.Delete(_bundle, recursive: true);
        await _database.DisposeAsync();
    }

    private Task<CliResult> Run(string command) =>
        Tool.RunAsync([command, "--bundle", _bundle, "--connection", _database.ConnectionString]);

    [Test]
    public async Task Up_applies_a_verified_bundle_and_records_its_root_hash()
    {
        var result = await Run("up");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var rootHash = BundleVerifier.Verify(PostgresDialect.Instance, _bundle).RootHash;
        Assert.That(await _database.ScalarAsync<long>($"SELECT count(*) FROM migrationtasks_history WHERE bundle_root_hash = '{rootHash}'"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_bundle_is_linted_only_where_pending_like_a_folder()
    {
        // 0001 was applied while its rule was off (as before a tool upgrade that added the rule).
        using var migrations = new Migrations().Add("0001_cleanup.sql", "-- migrate:lock-timeout 5s\nDROP TABLE IF EXISTS legacy;");
        var config = Path.Combine(Path.GetTempPath(), $"mt-lint-off-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, "lint:\n  drop-table: off\n");
        var applied = await Tool.RunAsync(["up", "--dir", migrations.Path, "--config", config, "--connection", _database.ConnectionString]);
        File.Delete(config);
        migrations.Add("0002_more_cleanup.sql", "-- migrate:lock-timeout 5s\nDROP TABLE IF EXISTS other;");
        Directory.Delete(_bundle, recursive: true);
        BundleWriter.Write(MigrationDirectory.Load(PostgresDialect.Instance, migrations.Path), _bundle, "0.1.0");

        var pending = await Run("up");
        var status = await Run("status");

        Assert.That(applied.ExitCode, Is.Zero, applied.ToString());
        Assert.That(pending.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), pending.ToString());
        Assert.That(pending.Error, Does.Contain("0002_more_cleanup.sql(2,1): error MT2101").And.Not.Contain("0001_cleanup.sql"));
        Assert.That(status.All, Does.Not.Contain("0001_cleanup.sql(2,1)"));
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(1));
    }

    [TestCase("up")]
    [TestCase("status")]
    [TestCase("plan")]
    public async Task A_tampered_bundle_is_refused_with_exit_3_naming_the_file_before_connecting(string command)
    {
        File.AppendAllText(Path.Combine(_bundle, "0002_create_orders.sql"), "\nDROP TABLE users;");

        var result = await Tool.RunAsync([command, "--bundle", _bundle, "--connection", "postgres://nobody@127.0.0.1:1/none"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1102").And.Contain("0002_create_orders.sql"));
    }

    [Test]
    public async Task Hash_rewrites_migrations_sum_to_accept_an_edit()
    {
        var first = await Tool.RunAsync("hash", "--dir", _migrations.Path);
        _migrations.Add("0001_create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);");

        var second = await Tool.RunAsync("hash", "--dir", _migrations.Path);

        Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((0, 0)), second.ToString());
        var sum = File.ReadAllText(Path.Combine(_migrations.Path, "migrations.sum"));
        Assert.That(sum, Does.StartWith("migrations.sum v1\n0001 0001_create_users.sql sha256:"));
        Assert.That(sum, Does.Contain(MigrationDirectory.Load(PostgresDialect.Instance, _migrations.Path).Migrations[0].Checksum));
    }

    [Test]
    public async Task Hash_uses_the_folder_named_in_migrations_yaml_and_is_not_stopped_by_lint_findings()
    {
        _migrations.Add("0004_cleanup.sql", "DROP TABLE IF EXISTS legacy;");
        var config = Path.Combine(_migrations.Path, "migrations.yaml");
        File.WriteAllText(config, "directory: .\n");

        var result = await Tool.RunAsync("hash", "--config", config);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(File.Exists(Path.Combine(_migrations.Path, "migrations.sum")), Is.True, result.ToString());
        Assert.That(File.ReadAllText(Path.Combine(_migrations.Path, "migrations.sum")), Does.Contain("0004_cleanup.sql"));
    }
}

using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>The history row of the last migration applied (or the row left after a down) carries the schema as it then was.</summary>
public sealed class SchemaRecordingTests
{
    private TestDatabase _database = null!;
    private string _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("mt-schema-").FullName;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private void Write(string fileName, string sql) => File.WriteAllText(Path.Combine(_folder, fileName), sql);

    private MigrationRunner Runner() => new(
        new PostgresProvider(new PostgresSettings(new NpgsqlConnectionStringBuilder(_database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) }),
        SilentObserver.Instance, new ApplyContext("9.9.9", null, null, null));

    private Task<MigrationSet> Files() => Task.FromResult(MigrationDirectory.Load(PostgresDialect.Instance, _folder));

    private async Task<string?> RecordedHashAsync(string version) =>
        await _database.ScalarAsync<string>($"SELECT schema_fingerprint FROM migrationtasks_history WHERE version = {version}");

    [Test]
    public async Task The_last_migration_applied_records_the_live_schema()
    {
        // Given two transactional migrations and a no-transaction one
        Write("1_a.sql", "CREATE TABLE a (id int);");
        Write("2_b.sql", "CREATE TABLE b (id int);");
        Write("3_c.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY b_id ON b (id);");

        // When they are applied
        await Runner().UpAsync(Files(), null, CancellationToken.None);

        // Then the one that ends the run records the schema after it, with its text; the others record none
        var live = await SchemaDatabase.FingerprintAsync(_database);
        Assert.That(await RecordedHashAsync("1"), Is.Null);
        Assert.That(await RecordedHashAsync("2"), Is.Null);
        Assert.That(await RecordedHashAsync("3"), Is.EqualTo(live.Hash));
        Assert.That(await _database.ScalarAsync<string>("SELECT schema_text FROM migrationtasks_history WHERE version = 3"), Is.EqualTo(live.Text));
    }

    [Test]
    public async Task A_rolled_back_failure_records_the_schema_on_the_last_applied_row()
    {
        Write("1_a.sql", "CREATE TABLE a (id int);");
        Write("2_b.sql", "CREATE TABLE b (id int);");
        Write("3_fails.sql", "CREATE TABLE c (id int);\nSELECT 1/0;");

        Assert.That(async () => await Runner().UpAsync(Files(), null, CancellationToken.None),
            Throws.TypeOf<MigrationRunException>().With.Property(nameof(MigrationRunException.Outcome)).EqualTo(RunOutcome.RolledBack));

        Assert.That(await RecordedHashAsync("2"), Is.EqualTo((await SchemaDatabase.FingerprintAsync(_database)).Hash));
    }

    [Test]
    public async Task A_down_records_the_schema_it_leaves_on_the_row_recorded_last()
    {
        Write("1_a.sql", "CREATE TABLE a (id int);");
        Write("1_a.down.sql", "DROP TABLE a;");
        Write("2_b.sql", "CREATE TABLE b (id int);");
        Write("2_b.down.sql", "DROP TABLE b;");
        await Runner().UpAsync(Files(), null, CancellationToken.None);

        await Runner().DownAsync(Files(), 1, null, CancellationToken.None);

        Assert.That(await RecordedHashAsync("1"), Is.EqualTo((await SchemaDatabase.FingerprintAsync(_database)).Hash));
    }

    [Test]
    public async Task A_history_table_of_an_earlier_version_gains_the_schema_columns_and_keeps_its_rows()
    {
        // Given a history table in the shape earlier versions created, with a row
        await SchemaDatabase.RunAsync(_database, """
            CREATE TABLE migrationtasks_history (
                version numeric PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                status text NOT NULL CHECK (status IN ('applied', 'failed')), transactional boolean NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user,
                execution_ms integer NOT NULL DEFAULT 0, tool_version text NOT NULL, bundle_root_hash text,
                failed_statement integer, error text, completed_checksum text);
            INSERT INTO migrationtasks_history (version, name, checksum, status, transactional, tool_version)
                VALUES (1, 'a', 'sha256:old', 'applied', true, '0.9.0');
            """);
        Write("1_a.sql", "SELECT 1;");
        Write("2_b.sql", "CREATE TABLE b (id int);");
        await _database.ExecuteAsync("UPDATE migrationtasks_history SET checksum = '" + MigrationDirectory.Load(PostgresDialect.Instance, _folder).Migrations[0].Checksum + "'");

        // When a newer runner applies the next migration
        await Runner().UpAsync(Files(), null, CancellationToken.None);

        // Then the old row is kept without a schema and the new one has it
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(2));
        Assert.That(await RecordedHashAsync("1"), Is.Null);
        Assert.That(await RecordedHashAsync("2"), Is.EqualTo((await SchemaDatabase.FingerprintAsync(_database)).Hash));
    }

    [Test]
    public async Task Switched_off_nothing_is_recorded()
    {
        Write("1_a.sql", "CREATE TABLE a (id int);");
        var runner = new MigrationRunner(
            new PostgresProvider(new PostgresSettings(new NpgsqlConnectionStringBuilder(_database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) }),
            SilentObserver.Instance, new ApplyContext("9.9.9", null, null, null) { RecordSchema = false });

        await runner.UpAsync(Files(), null, CancellationToken.None);

        Assert.That(await RecordedHashAsync("1"), Is.Null);
    }
}

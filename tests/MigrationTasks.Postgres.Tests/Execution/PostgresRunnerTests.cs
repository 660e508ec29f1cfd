using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Testing;
using Npgsql;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Postgres.Tests.Execution;

/// <summary>The engine and the PostgreSQL provider together, without the CLI.</summary>
public sealed class PostgresRunnerTests
{
    private sealed class RecordingObserver : IRunObserver
    {
        public List<RunEvent> Events { get; } = [];

        public void On(RunEvent runEvent) => Events.Add(runEvent);
    }

    private TestDatabase _database = null!;
    private string _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("mt-pg-").FullName;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private void Write(string fileName, string sql) => File.WriteAllText(Path.Combine(_folder, fileName), sql);

    private (MigrationRunner Runner, RecordingObserver Observer) Runner(Func<PostgresSettings, PostgresSettings>? configure = null)
    {
        var settings = new PostgresSettings(new NpgsqlConnectionStringBuilder(_database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        var observer = new RecordingObserver();
        var runner = new MigrationRunner(new PostgresProvider(configure?.Invoke(settings) ?? settings), observer, new ApplyContext("9.9.9", "sha256:bundle", null, null));
        return (runner, observer);
    }

    private Task<int> UpAsync(MigrationRunner runner) =>
        runner.UpAsync(Task.FromResult(MigrationDirectory.Load(PostgresDialect.Instance, _folder)), null, CancellationToken.None);

    [Test]
    public async Task History_can_live_in_a_configured_schema_and_table()
    {
        Write("1_a.sql", "CREATE TABLE a (id int);");
        var (runner, _) = Runner(s => s with { HistorySchema = "deploy", HistoryTable = "schema_changes" });

        await UpAsync(runner);

        Assert.That(await _database.TableExistsAsync("deploy", "schema_changes"), Is.True);
        Assert.That(await _database.TableExistsAsync("public", "migrationtasks_history"), Is.False);
    }

    [Test]
    public async Task History_records_the_tool_version_and_bundle_root_hash()
    {
        Write("1_a.sql", "CREATE TABLE a (id int);");
        var (runner, _) = Runner();

        await UpAsync(runner);

        Assert.That(await _database.ScalarAsync<string>("SELECT tool_version || ' ' || bundle_root_hash FROM migrationtasks_history"), Is.EqualTo("9.9.9 sha256:bundle"));
    }

    [Test]
    public async Task Statements_returning_user_defined_types_run_without_type_loading()
    {
        Write("1_enum.sql", "CREATE TYPE mood AS ENUM ('ok', 'sad');\nSELECT 'ok'::mood, ARRAY['sad'::mood];\nCREATE TABLE m (v mood);");
        var (runner, _) = Runner();

        var applied = await UpAsync(runner);

        Assert.That(applied, Is.EqualTo(1));
        Assert.That(await _database.TableExistsAsync("public", "m"), Is.True);
    }

    [Test]
    public async Task Events_report_each_applied_migration_in_order()
    {
        Write("2_b.sql", "SELECT 2;");
        Write("1_a.sql", "SELECT 1;");
        var (runner, observer) = Runner();

        await UpAsync(runner);

        Assert.That(observer.Events.OfType<MigrationAppliedEvent>().Select(e => e.Migration.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(observer.Events.OfType<RunCompletedEvent>().Single().Applied, Is.EqualTo(2));
    }

    [Test]
    public void Separate_history_tables_use_separate_locks()
    {
        var settings = new PostgresSettings(new NpgsqlConnectionStringBuilder(_database.ConnectionString));

        var first = settings.EffectiveLockKey(_database.Name);
        var second = (settings with { HistoryTable = "other_history" }).EffectiveLockKey(_database.Name);

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That((settings with { LockKey = 42 }).EffectiveLockKey(_database.Name), Is.EqualTo(42));
    }

    [Test]
    public async Task The_lock_is_released_after_a_run()
    {
        Write("1_a.sql", "SELECT 1;");
        var (runner, _) = Runner();

        await UpAsync(runner);

        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), Is.Zero);
    }
}

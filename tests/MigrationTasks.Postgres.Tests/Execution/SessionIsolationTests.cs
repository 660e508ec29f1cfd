using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Testing;
using Npgsql;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Postgres.Tests.Execution;

/// <summary>
/// Every migration starts from the same session, whether one run applies it alone or after others:
/// the same files give the same schema however many migrations a run applies.
/// </summary>
public sealed class SessionIsolationTests
{
    // A role the migrations switch to; cluster-wide, so named per fixture and dropped at the end.
    private readonly string _role = "mt_session_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _folders = [];
    private readonly List<TestDatabase> _databases = [];

    // What a migration sees of its session, written where it lands (search_path decides the schema).
    private const string Probe = """
        CREATE TABLE probe AS SELECT current_user::text AS who, current_setting('search_path') AS path,
            current_setting('statement_timeout') AS statement_timeout,
            (SELECT count(*) FROM pg_listening_channels()) AS listening,
            (SELECT count(*) FROM pg_prepared_statements) AS prepared,
            (SELECT count(*) FROM pg_cursors) AS cursors,
            (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS advisory_locks,
            to_regclass('scratch') IS NOT NULL AS sees_temp_table;
        """;

    [OneTimeSetUp]
    public async Task CreateRole()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync($"CREATE ROLE {_role}");
    }

    [OneTimeTearDown]
    public async Task DropRole()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync($"DROP ROLE IF EXISTS {_role}");
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }

        _databases.Clear();
        _folders.Clear();
    }

    [TestCase("CREATE SCHEMA other; SET search_path = other")]
    [TestCase("CREATE SCHEMA other; SELECT set_config('search_path', 'other', false)")]
    [TestCase("CREATE SCHEMA other; SET LOCAL search_path = other; CREATE TABLE local_only (id int)")]
    [TestCase("CREATE SCHEMA other; SELECT set_config('search_path', 'other', true)")]
    [TestCase("SET statement_timeout = '1h'")]
    [TestCase("GRANT CREATE ON SCHEMA public TO {role}; SET ROLE {role}; CREATE TABLE owned (id int)")]
    [TestCase("GRANT CREATE ON SCHEMA public TO {role}; SET SESSION AUTHORIZATION {role}; CREATE TABLE owned (id int)")]
    [TestCase("CREATE TEMP TABLE scratch (id int)")]
    [TestCase("LISTEN deployments")]
    [TestCase("PREPARE lookup AS SELECT 1")]
    [TestCase("DECLARE held CURSOR WITH HOLD FOR SELECT 1")]
    [TestCase("SELECT pg_advisory_lock(42)")]
    [TestCase("-- migrate:no-transaction\nCREATE SCHEMA other; SET search_path = other; SET ROLE {role}")]
    public async Task A_run_applying_two_migrations_gives_the_schema_of_two_runs_applying_one_each(string first)
    {
        var files = new[] { ("1_first.sql", first.Replace("{role}", _role, StringComparison.Ordinal) + ";"), ("2_probe.sql", Probe) };

        var together = await ApplyAsync(files, runs: [null]);
        var oneByOne = await ApplyAsync(files, runs: [MigrationVersion.Parse("1"), null]);

        Assert.That(await DescribeAsync(together), Is.EqualTo(await DescribeAsync(oneByOne)));
        Assert.That(await together.ScalarAsync<string>("SELECT who || ' ' || path FROM public.probe"), Is.EqualTo("postgres \"$user\", public"));
    }

    [TestCase("SET ROLE {role}")]
    [TestCase("SET SESSION AUTHORIZATION {role}")]
    // Outside a transaction the progress is recorded between statements, while the migration's role is in force.
    [TestCase("-- migrate:no-transaction\nSET ROLE {role};\nSELECT 1")]
    [TestCase("-- migrate:no-transaction\nSET SESSION AUTHORIZATION {role};\nSELECT 1")]
    public async Task History_and_audit_record_the_role_the_runner_logged_in_as(string statement)
    {
        var files = new[] { ("1_switch.sql", statement.Replace("{role}", _role, StringComparison.Ordinal) + ";"), ("2_next.sql", "CREATE TABLE next (id int);") };

        var database = await ApplyAsync(files, runs: [null]);

        Assert.That(await database.ScalarAsync<string>("SELECT string_agg(DISTINCT applied_by, ',') FROM migrationtasks_history"), Is.EqualTo("postgres"));
        Assert.That(await database.ScalarAsync<string>("SELECT string_agg(DISTINCT db_user, ',') FROM migrationtasks_history_audit"), Is.EqualTo("postgres"));
        Assert.That(await database.ScalarAsync<string>("SELECT tableowner FROM pg_tables WHERE tablename = 'next'"), Is.EqualTo("postgres"));
    }

    [Test]
    public async Task Set_transaction_isolation_level_at_the_top_of_a_migration_works_with_timeouts_configured()
    {
        var files = new[] { ("1_serializable.sql", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE t AS SELECT current_setting('transaction_isolation') AS level;") };

        var database = await ApplyAsync(files, runs: [null], new ApplyContext("9.9.9", null, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)));

        Assert.That(await database.ScalarAsync<string>("SELECT level FROM t"), Is.EqualTo("serializable"));
    }

    [Test]
    public async Task A_bare_cr_inside_a_string_literal_is_stored_as_written()
    {
        var files = new[] { ("1_cr.sql", "CREATE TABLE t (v text);\r\nINSERT INTO t VALUES ('a\rb'), ('c\r\nd');\r\n") };

        var database = await ApplyAsync(files, runs: [null]);

        Assert.That(await database.ScalarAsync<string>("SELECT string_agg(v, '|' ORDER BY v) FROM t"), Is.EqualTo("a\rb|c\r\nd"));
    }

    private async Task<TestDatabase> ApplyAsync((string File, string Sql)[] files, MigrationVersion?[] runs, ApplyContext? context = null)
    {
        var database = await TestDatabase.CreateAsync();
        _databases.Add(database);
        var folder = Directory.CreateTempSubdirectory("mt-session-").FullName;
        _folders.Add(folder);
        foreach (var (file, sql) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, file), sql);
        }

        var settings = new PostgresSettings(new NpgsqlConnectionStringBuilder(database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        foreach (var target in runs)
        {
            var runner = new MigrationRunner(new PostgresProvider(settings), SilentObserver.Instance, context ?? new ApplyContext("9.9.9", null, null, null));
            await runner.UpAsync(Task.FromResult(MigrationDirectory.Load(PostgresDialect.Instance, folder)), target, CancellationToken.None);
        }

        return database;
    }

    // Where each table landed and who owns it, and what the probe saw.
    private static async Task<string?> DescribeAsync(TestDatabase database)
    {
        var tables = await database.ScalarAsync<string>("""
            SELECT string_agg(schemaname || '.' || tablename || ':' || tableowner, ' ' ORDER BY schemaname, tablename)
            FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
            """);
        var probe = await database.ScalarAsync<string>("SELECT quote_ident(schemaname) FROM pg_tables WHERE tablename = 'probe'");
        return tables + " | " + await database.ScalarAsync<string>($"SELECT row_to_json(p)::text FROM {probe}.probe p");
    }

}

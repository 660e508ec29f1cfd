using System.Text.Json;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Fleets;

/// <summary>A fleet of schemas in one database: each tenant's tables, history and lock live in its schema.</summary>
public sealed class FleetSchemaTests : DatabaseTest
{
    private static Migrations TwoTables() => new Migrations()
        .Add("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY, owner text NOT NULL DEFAULT current_schema());")
        .Add("0002_seed.sql", "INSERT INTO items (id) VALUES (1);");

    [Test]
    public async Task Up_over_a_tenants_file_migrates_every_schema_with_its_own_history()
    {
        using var migrations = TwoTables();
        using var tenants = TenantsFile.Schemas(3);

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        foreach (var schema in TenantsFile.Keys(3))
        {
            Assert.That(await Database.ScalarAsync<string>($"SELECT owner FROM {schema}.items"), Is.EqualTo(schema));
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.migrationtasks_history WHERE status = 'applied'"), Is.EqualTo(2));
        }

        Assert.That(await Database.TableExistsAsync("public", "items"), Is.False);
        Assert.That(result.Output, Does.Contain("tenant t02: succeeded").And.Contain("Fleet: 3 tenants, 3 succeeded, 0 failed"));
    }

    [Test]
    public async Task Down_over_a_tenant_whose_schema_does_not_exist_creates_nothing()
    {
        // Before: the new tenant's down said "Nothing to revert" and left a schema, a history and an audit table behind.
        using var migrations = new Migrations().Add("0001_items.sql", "CREATE TABLE items (id int);").Add("0001_items.down.sql", "DROP TABLE items;");
        using var applied = new TenantsFile("acme\n");
        using var withNewcomer = new TenantsFile("acme\ninitech\n");
        await Run(migrations, "up", "--tenants-file", applied.Path);

        var down = await Run(migrations, "down", "--tenants-file", withNewcomer.Path);

        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(down.Output, Does.Contain("Nothing to revert"));
        Assert.That(await Database.TableExistsAsync("acme", "items"), Is.False);
        Assert.That(await Database.ScalarAsync<bool>("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'initech')"), Is.False);
    }

    [Test]
    public async Task A_placeholder_migration_records_the_same_checksum_in_every_tenant()
    {
        using var migrations = new Migrations()
            .Add("0001_audit.sql", "CREATE TABLE ${tenant_schema}.audit (note text);\nCOMMENT ON TABLE ${tenant_schema}.audit IS 'per tenant';");
        using var tenants = new TenantsFile("""["acme", {"key": "globex", "schema": "Globex Corp"}]""");

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.TableExistsAsync("Globex Corp", "audit"), Is.True);
        var checksums = new[]
        {
            await Database.ScalarAsync<string>("SELECT checksum FROM acme.migrationtasks_history"),
            await Database.ScalarAsync<string>("SELECT checksum FROM \"Globex Corp\".migrationtasks_history"),
        };
        Assert.That(checksums, Is.All.StartsWith("sha256:"));
        Assert.That(checksums.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_tenants_query_names_keys_schemas_and_tags()
    {
        using var migrations = TwoTables();
        await Database.ExecuteAsync("CREATE TABLE customers (id text, schema_name text, plan text)");
        await Database.ExecuteAsync("INSERT INTO customers VALUES ('acme', 'c_acme', 'gold'), ('globex', 'c_globex', 'free')");
        var report = Path.GetTempFileName();

        var result = await Run(migrations, "up", "--tenants-query", "SELECT id, schema_name AS schema, plan FROM customers", "--report", report);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM c_acme.items"), Is.EqualTo(1));
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var acme = json.RootElement.GetProperty("tenants")[0];
        Assert.That(acme.GetProperty("key").GetString(), Is.EqualTo("acme"));
        Assert.That(acme.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(acme.GetProperty("to_version").GetString(), Is.EqualTo("0002"));
        Assert.That(acme.GetProperty("applied").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "0001", "0002" }));
        Assert.That(acme.GetProperty("tags").GetProperty("plan").GetString(), Is.EqualTo("gold"));
        File.Delete(report);
    }

    [Test]
    public async Task A_tenants_query_may_return_columns_of_any_type_and_tags_read_as_postgresql_writes_them()
    {
        using var migrations = TwoTables();
        var report = Path.GetTempFileName();

        var result = await Run(migrations, "status", "--tenants-query",
            "SELECT 'acme', inet '10.0.0.1' AS ip, B'101' AS flags, ARRAY[1, 2] AS ids, date '2026-01-02' AS since, true AS active", "--report", report);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var tags = json.RootElement.GetProperty("tenants")[0].GetProperty("tags");
        Assert.That(new[] { "ip", "flags", "ids", "since", "active" }.Select(t => tags.GetProperty(t).GetString()), Is.EqualTo(new[] { "10.0.0.1", "101", "{1,2}", "2026-01-02", "t" }));
        File.Delete(report);
    }

    [Test]
    public async Task Status_over_a_fleet_shows_each_tenant_and_changes_nothing()
    {
        using var migrations = TwoTables();
        using var tenants = TenantsFile.Schemas(2);

        var result = await Run(migrations, "status", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("tenant t01").And.Contain("tenant t02").And.Contain("0 applied, 2 pending"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t01', 't02')"), Is.Zero);
    }

    [Test]
    public async Task A_duplicate_tenant_is_refused_with_exit_2_before_any_tenant_is_touched()
    {
        using var migrations = TwoTables();
        using var tenants = new TenantsFile("t01\nt02\nt01\n");

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4030").And.Contain("'t01'"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname IN ('t01', 't02')"), Is.Zero);
    }

    [Test]
    public async Task A_key_listed_twice_in_a_tenants_file_is_reported_at_the_repeated_line()
    {
        using var migrations = TwoTables();
        using var tenants = new TenantsFile("# customers\nt01\nt02\n\nt01\n");

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"{tenants.Path}(5").And.Contain("MT4030").And.Contain("first at line 2"));
    }

    // Another format's file, or a note after the key, must not become schemas named '{"tenants": [...]}' or '- acme'.
    [TestCase("{\"tenants\": [\"acme\", \"globex\"]}", 1)]
    [TestCase("{\n  \"tenants\": [\"acme\"]\n}\n", 1)]
    [TestCase("- acme\n- globex\n", 1)]
    [TestCase("acme\nglobex   # EU customer\n", 2)]
    [TestCase("key,schema\nacme,c_acme\n", 1)]
    public async Task A_tenants_file_line_that_is_not_a_key_is_refused_before_any_tenant_is_touched(string text, int line)
    {
        using var migrations = TwoTables();
        using var tenants = new TenantsFile(text);

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4032").And.Contain($"{tenants.Path}({line}"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'"), Is.Zero);
    }

    [Test]
    public async Task Schema_names_longer_than_postgresql_keeps_are_refused_rather_than_merged_into_one_schema()
    {
        // PostgreSQL cuts identifiers at 63 bytes: both keys would name the same schema, and the second would find the first's history.
        using var migrations = TwoTables();
        var common = "customer_" + new string('x', 60);
        using var tenants = new TenantsFile($"{common}_eu\n{common}_us\n");

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4032").And.Contain($"{common}_eu").And.Contain("63 bytes"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'customer%'"), Is.Zero);
    }

    [Test]
    public async Task Two_keys_naming_one_schema_are_refused_before_any_tenant_is_touched()
    {
        using var migrations = TwoTables();
        using var tenants = new TenantsFile("""[{"key": "acme", "schema": "shared"}, {"key": "globex", "schema": "shared"}]""");

        var result = await Run(migrations, "up", "--tenants-file", tenants.Path, "--parallel", "2");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4030").And.Contain("'acme', 'globex'").And.Contain("'shared'"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'shared'"), Is.Zero);
    }

    [TestCase("sqlite:/tmp/tenants.db")]
    [TestCase("host=localhost password=s3cret-tenants bogus")]
    public async Task A_bad_tenants_connection_is_named_in_its_error_rather_than_the_connection(string value)
    {
        using var migrations = TwoTables();

        var result = await Run(migrations, "status", "--tenants-query", "SELECT 'acme'", "--tenants-connection", value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4001").And.Contain("--tenants-connection:").And.Not.Contain("--connection:"));
        Assert.That(result.Output + result.Error, Does.Not.Contain("s3cret-tenants"));
    }

    [Test]
    public async Task An_empty_tenant_list_is_exit_2_unless_allowed()
    {
        using var migrations = TwoTables();
        const string none = "SELECT 'x' WHERE false";

        var refused = await Run(migrations, "up", "--tenants-query", none);
        var allowed = await Run(migrations, "up", "--tenants-query", none, "--allow-empty");

        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("MT4031").And.Contain("--allow-empty"));
        Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString());
    }
}

using MigrationTasks.Core.Tests;
using MigrationTasks.Testing;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// Rules that depend on what an earlier migration of the folder did: the two-file SET NOT NULL recipe, and a
/// varchar widened after the migration that defined it. The server facts are checked in the last tests.
/// </summary>
public sealed class EarlierMigrationTests
{
    private MigrationFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new MigrationFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private List<string> CodesOf(string fileName) =>
        Linted.Load(_folder.Path).Diagnostics.Where(d => d.File!.EndsWith(fileName, StringComparison.Ordinal)).Select(d => d.Code).ToList();

    [Test]
    public void Set_not_null_after_validating_a_not_null_check_added_by_an_earlier_migration_is_not_reported()
    {
        _folder.Write("0001_check.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders ADD CONSTRAINT total_not_null CHECK (total IS NOT NULL) NOT VALID;");
        _folder.Write("0002_not_null.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders VALIDATE CONSTRAINT total_not_null;\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;");

        Assert.That(CodesOf("0002_not_null.sql"), Does.Not.Contain(Rules.Code("set-not-null")));
    }

    [Test]
    public void Set_not_null_in_a_third_migration_after_the_validating_one_is_not_reported()
    {
        _folder.Write("0001_check.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders ADD CONSTRAINT total_not_null CHECK (total IS NOT NULL) NOT VALID;");
        _folder.Write("0002_validate.sql", "ALTER TABLE orders VALIDATE CONSTRAINT total_not_null;");
        _folder.Write("0003_not_null.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;");

        Assert.That(CodesOf("0003_not_null.sql"), Does.Not.Contain(Rules.Code("set-not-null")));
    }

    [TestCase("ALTER TABLE orders ADD CONSTRAINT total_not_null CHECK (total > 0) NOT VALID;")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT other CHECK (note IS NOT NULL) NOT VALID;")]
    public void Set_not_null_without_a_proving_check_is_still_reported(string first)
    {
        _folder.Write("0001_check.sql", $"-- migrate:lock-timeout 5s\n{first}");
        _folder.Write("0002_not_null.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders VALIDATE CONSTRAINT total_not_null;\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;");

        Assert.That(CodesOf("0002_not_null.sql"), Does.Contain(Rules.Code("set-not-null")));
    }

    [Test]
    public void A_check_added_by_a_later_migration_proves_nothing_for_an_earlier_one()
    {
        _folder.Write("0001_not_null.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders VALIDATE CONSTRAINT total_not_null;\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;");
        _folder.Write("0002_check.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders ADD CONSTRAINT total_not_null CHECK (total IS NOT NULL) NOT VALID;");

        Assert.That(CodesOf("0001_not_null.sql"), Does.Contain(Rules.Code("set-not-null")));
    }

    [TestCase("varchar(100)")]
    [TestCase("varchar")]
    [TestCase("text")]
    [TestCase("character varying(50)")]
    public void Widening_a_varchar_defined_by_an_earlier_migration_is_not_a_type_change_to_report(string wider)
    {
        _folder.Write("0001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(50));");
        _folder.Write("0002_widen.sql", $"-- migrate:lock-timeout 5s\nALTER TABLE orders ALTER COLUMN note TYPE {wider};");

        Assert.That(CodesOf("0002_widen.sql"), Does.Not.Contain(Rules.Code("alter-column-type")));
    }

    [TestCase("varchar(20)")]
    [TestCase("bigint USING note::bigint")]
    [TestCase("text USING upper(note)")]
    public void Narrowing_or_converting_a_varchar_is_still_reported(string type)
    {
        _folder.Write("0001_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(50));");
        _folder.Write("0002_change.sql", $"-- migrate:lock-timeout 5s\nALTER TABLE orders ALTER COLUMN note TYPE {type};");

        Assert.That(CodesOf("0002_change.sql"), Does.Contain(Rules.Code("alter-column-type")));
    }

    [Test]
    public void A_type_change_of_a_column_no_migration_defined_is_still_reported()
    {
        _folder.Write("0001_widen.sql", "-- migrate:lock-timeout 5s\nALTER TABLE orders ALTER COLUMN note TYPE text;");

        Assert.That(CodesOf("0001_widen.sql"), Does.Contain(Rules.Code("alter-column-type")));
    }

    [TestCase("varchar(100)", false)]
    [TestCase("varchar", false)]
    [TestCase("text", false)]
    [TestCase("varchar(20)", true)]
    public async Task Postgresql_rewrites_a_varchar_only_when_it_narrows(string type, bool rewrites)
    {
        await using var database = await ServerScript.SetUpAsync(
            "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(50))", "INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 20) g");
        var before = await database.ScalarAsync<long>("SELECT pg_relation_filenode('orders')::bigint");

        await database.ExecuteAsync($"ALTER TABLE orders ALTER COLUMN note TYPE {type}");

        Assert.That(await database.ScalarAsync<long>("SELECT pg_relation_filenode('orders')::bigint") != before, Is.EqualTo(rewrites));
    }
}

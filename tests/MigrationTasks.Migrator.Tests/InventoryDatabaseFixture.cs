using MigrationTasks.Migrator;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Migrator.Tests;

/// <summary>
/// The sample a team copies: an NUnit fixture that gives its tests a throwaway database migrated to
/// the latest version with the service's own migrations folder, through the in-process API, once for
/// the whole fixture. Here the folder is samples/Inventory.Service/migrations, copied next to the tests.
/// </summary>
[TestFixture]
public sealed class InventoryDatabaseFixture
{
    private TestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task MigrateAThrowawayDatabase()
    {
        _database = await TestDatabase.CreateAsync();
        var migrator = new Migrator(new MigratorOptions
        {
            Connection = _database.ConnectionString,
            Directory = Path.Combine(AppContext.BaseDirectory, "InventoryMigrations"),
        });

        await migrator.UpAsync();
    }

    [OneTimeTearDown]
    public async Task DropIt() => await _database.DisposeAsync();

    [Test]
    public async Task The_tests_find_the_schema_at_its_latest_version()
    {
        Assert.That(await _database.TableExistsAsync("public", "orders"), Is.True);
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE status = 'applied'"),
            Is.EqualTo(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "InventoryMigrations"), "*.sql").Count(f => !f.EndsWith(".down.sql", StringComparison.Ordinal))));
    }

    [Test]
    public async Task A_test_writes_rows_the_migrations_allow()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO customers (email, full_name) VALUES ('fixture-test@example.com', 'Fixture Test') RETURNING id", connection);

        Assert.That(await insert.ExecuteScalarAsync(), Is.Not.Null);
    }
}

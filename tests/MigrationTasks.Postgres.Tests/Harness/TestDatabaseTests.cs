using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Harness;

public sealed class TestDatabaseTests
{
    [Test]
    public async Task Two_test_databases_are_distinct_and_isolated()
    {
        // Given two databases
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateAsync();

        // When a table is created in the first
        await first.ExecuteAsync("CREATE TABLE public.only_here (id int)");

        // Then each connects to its own database and only the first has the table
        Assert.That(first.Name, Is.Not.EqualTo(second.Name));
        Assert.That(await first.ScalarAsync<string>("SELECT current_database()"), Is.EqualTo(first.Name));
        Assert.That(await second.ScalarAsync<string>("SELECT current_database()"), Is.EqualTo(second.Name));
        Assert.That(await first.TableExistsAsync("public", "only_here"), Is.True);
        Assert.That(await second.TableExistsAsync("public", "only_here"), Is.False);
    }

    [Test]
    public async Task A_test_database_is_named_after_its_test_within_the_identifier_limit()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.That(database.Name, Does.StartWith("t_a_test_database_is_named_after"));
        Assert.That(database.Name, Has.Length.LessThanOrEqualTo(63));
        Assert.That(database.Name, Does.Match("^[a-z0-9_]+$"));
    }

    [Test]
    public async Task A_test_database_is_dropped_on_dispose_even_with_a_connection_open()
    {
        // Given a database with an open connection
        var database = await TestDatabase.CreateAsync();
        var leftOpen = new NpgsqlConnection(database.ConnectionString);
        await leftOpen.OpenAsync();

        // When it is disposed
        await database.DisposeAsync();

        // Then the server no longer has it
        Assert.That(await CountDatabasesNamedAsync(database.Name), Is.Zero);
        await leftOpen.DisposeAsync();
    }

    private static async Task<long> CountDatabasesNamedAsync(string name)
    {
        await using var connection = new NpgsqlConnection(await TestDatabaseServer.GetAdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Harness;

public sealed class ThrowawayClusterTests
{
    [Test]
    public async Task A_cluster_can_be_stopped_and_started_again_on_the_same_port()
    {
        // Given a running cluster
        await using var cluster = await ThrowawayCluster.CreateAsync();
        var port = cluster.Port;
        Assert.That(await CanConnectAsync(cluster), Is.True);

        // When it is stopped, then nothing answers
        await cluster.StopAsync();
        Assert.That(await CanConnectAsync(cluster), Is.False);

        // When it is started again, then it answers on the same port
        await cluster.StartAsync();
        Assert.That(cluster.Port, Is.EqualTo(port));
        Assert.That(await CanConnectAsync(cluster), Is.True);
    }

    [Test]
    public async Task A_cluster_created_unstarted_comes_up_later_on_the_port_chosen_beforehand()
    {
        // Given a port reserved before any server exists (a runner would be given it now)
        var port = FreePort.Reserve();
        await using var cluster = await ThrowawayCluster.CreateAsync(port, start: false);
        Assert.That(await CanConnectAsync(cluster), Is.False);

        // When the server is started
        await cluster.StartAsync();

        // Then it listens on that port
        Assert.That(cluster.Port, Is.EqualTo(port));
        Assert.That(await CanConnectAsync(cluster), Is.True);
    }

    [Test]
    public async Task Disposing_a_cluster_deletes_its_directory()
    {
        var cluster = await ThrowawayCluster.CreateAsync();
        var directory = cluster.Directory;

        await cluster.DisposeAsync();

        Assert.That(Directory.Exists(directory), Is.False);
    }

    private static async Task<bool> CanConnectAsync(ThrowawayCluster cluster)
    {
        // No pooling: a pooled connection would outlive the server it came from.
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString())
        {
            Pooling = false,
            Timeout = 5,
        }.ToString();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int)(await command.ExecuteScalarAsync())! == 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}

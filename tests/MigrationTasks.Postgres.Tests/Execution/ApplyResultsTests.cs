using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Testing;
using Npgsql;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Postgres.Tests.Execution;

/// <summary>The provider's one apply call: a list in, one result per migration out; how it batches stays inside.</summary>
public sealed class ApplyResultsTests
{
    private static readonly ApplySettings Settings = new("9.9.9", null, null, null);

    private static async Task<(IReadOnlyList<ApplyResult> Results, IReadOnlyList<Planning.HistoryEntry> History)> ApplyAsync(TestDatabase database, params string[] sql)
    {
        var files = sql.Select((text, i) => ($"{i + 1}_m{i + 1}.sql", (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes(text))).ToList();
        var migrations = MigrationDirectory.LoadFiles(PostgresDialect.Instance, files).Migrations;
        var settings = new PostgresSettings(new NpgsqlConnectionStringBuilder(database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        await using var opened = await new PostgresProvider(settings).OpenAsync(SilentObserver.Instance, CancellationToken.None);
        await opened.EnsureHistoryAsync(CancellationToken.None);
        var results = await opened.ApplyAsync(migrations, Settings, 0, CancellationToken.None);
        return (results, await opened.ReadHistoryAsync(CancellationToken.None));
    }

    [Test]
    public async Task Transactional_migrations_sent_together_report_applied_failed_and_not_attempted()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (results, history) = await ApplyAsync(database, "CREATE TABLE a (id int);", "SELECT 1/0;", "CREATE TABLE c (id int);");

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { ApplyOutcome.Applied, ApplyOutcome.Failed, ApplyOutcome.NotAttempted }));
        Assert.That(results[1].Failure!.Failure.SqlState, Is.EqualTo("22012"));
        Assert.That(history.Select(h => h.Version.ToString()), Is.EqualTo(new[] { "1" }));
        Assert.That(await database.TableExistsAsync("public", "c"), Is.False);
    }

    [Test]
    public async Task A_no_transaction_migration_in_the_list_runs_on_its_own_between_the_others()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (results, history) = await ApplyAsync(database,
            "CREATE TABLE a (id int);", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);", "CREATE TABLE c (id int);");

        Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(ApplyOutcome.Applied));
        Assert.That(history, Has.Count.EqualTo(3));
        Assert.That(await database.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'a_id'::regclass"), Is.True);
    }
}

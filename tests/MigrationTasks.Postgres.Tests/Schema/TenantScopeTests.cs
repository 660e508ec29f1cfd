using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Dialect;
using MigrationTasks.Postgres.Fleets;
using MigrationTasks.Schema;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>
/// A fleet tenant's fingerprint (recorded, drift, dump) describes its own schema only: another tenant's change
/// is not its drift, and what its record reads does not grow with the number of other tenants.
/// </summary>
public sealed class TenantScopeTests
{
    private TestDatabase _database = null!;
    private string _folder = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("mt-tenant-schema-").FullName;
        File.WriteAllText(Path.Combine(_folder, "1_orders.sql"), "CREATE TABLE orders (id int PRIMARY KEY, total numeric DEFAULT 0);\nCREATE INDEX orders_total ON orders (total);");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private MigrationRunner Tenant(string schema)
    {
        var fleet = new PostgresSettings(new NpgsqlConnectionStringBuilder(_database.ConnectionString)) { ConnectTimeout = TimeSpan.FromSeconds(10) };
        return new MigrationRunner(new PostgresProvider(TenantSettings.For(fleet, new Tenant(schema, schema))), SilentObserver.Instance, new ApplyContext("9.9.9", null, null, null));
    }

    private Task<MigrationSet> Files() => Task.FromResult(MigrationDirectory.Load(PostgresDialect.Instance, _folder));

    private async Task<string> RecordedTextAsync(string schema, int version = 1) =>
        await _database.ScalarAsync<string>($"SELECT schema_text FROM \"{schema}\".migrationtasks_history WHERE version = {version}") ?? "";

    [Test]
    public async Task A_change_in_another_tenant_schema_is_not_drift()
    {
        // Given two tenants migrated from the same folder
        await Tenant("tenant_a").UpAsync(Files(), null, CancellationToken.None);
        await Tenant("tenant_b").UpAsync(Files(), null, CancellationToken.None);

        // When tenant B's schema is changed by hand
        await _database.ExecuteAsync("ALTER TABLE tenant_b.orders ADD COLUMN note text");

        // Then tenant A has no drift, and tenant B's drift is that column alone
        Assert.That(await Tenant("tenant_a").DriftAsync(null, CancellationToken.None), Is.Empty);
        var drift = await Tenant("tenant_b").DriftAsync(null, CancellationToken.None);
        Assert.That(drift.Select(d => d.ToString()), Is.EqualTo(new[] { "+ column tenant_b.orders.note" }));
    }

    [Test]
    public async Task A_tenant_record_names_only_its_own_schema()
    {
        await Tenant("tenant_a").UpAsync(Files(), null, CancellationToken.None);
        await Tenant("tenant_b").UpAsync(Files(), null, CancellationToken.None);

        var lines = new SchemaFingerprint("sha256:unused", await RecordedTextAsync("tenant_b")).Lines;

        Assert.That(lines.Select(l => l.Identity), Has.All.StartWith("tenant_b."));
        Assert.That(lines.Select(l => l.Identity), Has.Some.EqualTo("tenant_b.orders_total"));
    }

    [Test]
    public async Task What_a_tenant_records_does_not_grow_with_the_number_of_other_tenants()
    {
        // Given one tenant migrated next to one other tenant
        await Tenant("tenant_x").UpAsync(Files(), null, CancellationToken.None);
        await Tenant("tenant_a").UpAsync(Files(), null, CancellationToken.None);
        var alone = await RecordedTextAsync("tenant_a");

        // When twenty more tenants with the same objects (and an extra one each) exist beside it
        for (var i = 0; i < 20; i++)
        {
            await Tenant($"tenant_{i:00}").UpAsync(Files(), null, CancellationToken.None);
            await _database.ExecuteAsync($"CREATE TABLE tenant_{i:00}.extra (id int)");
        }

        // And it records again (a migration that changes nothing)
        File.WriteAllText(Path.Combine(_folder, "2_nothing.sql"), "SELECT 1;");
        await Tenant("tenant_a").UpAsync(Files(), null, CancellationToken.None);

        // Then its new record holds the same lines as the first, byte for byte: the others' objects were never described
        var crowded = await RecordedTextAsync("tenant_a", version: 2);
        Assert.That(crowded, Is.EqualTo(alone));
        Assert.That(new SchemaFingerprint("sha256:unused", crowded).Lines, Has.Count.EqualTo(new SchemaFingerprint("sha256:unused", alone).Lines.Count).And.Count.LessThan(8));
    }

    [Test]
    public async Task A_run_outside_a_fleet_still_describes_every_schema()
    {
        await Tenant("tenant_a").UpAsync(Files(), null, CancellationToken.None);
        await Tenant("tenant_b").UpAsync(Files(), null, CancellationToken.None);

        var whole = await SchemaDatabase.FingerprintAsync(_database);

        Assert.That(whole.Lines.Select(l => l.Identity), Has.Some.StartWith("tenant_a.").And.Some.StartWith("tenant_b."));
    }
}

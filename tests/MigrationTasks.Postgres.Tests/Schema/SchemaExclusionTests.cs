using MigrationTasks.Schema;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>migrations.yaml's <c>drift.exclude</c> globs and <c>drift.schemas</c> list, applied by the server's fingerprint query.</summary>
public sealed class SchemaExclusionTests
{
    private const string Schema = """
        CREATE SCHEMA audit;
        CREATE TABLE audit.events (id int);
        CREATE TABLE orders (id int PRIMARY KEY);
        CREATE TABLE tmp_load (id int);
        CREATE INDEX tmp_load_id ON tmp_load (id);
        CREATE SCHEMA reporting;
        CREATE VIEW reporting.totals AS SELECT count(*) AS n FROM orders;
        """;

    private static readonly SchemaScope Excluding = new(null, ["audit.*", "public.tmp_*"]);

    [Test]
    public async Task Excluded_objects_are_not_described_and_the_others_are()
    {
        await using var database = await SchemaDatabase.BuiltAsync(Schema);

        var identities = (await SchemaDatabase.FingerprintAsync(database, scope: Excluding)).Lines.Select(l => l.Identity).ToList();

        Assert.That(identities, Has.None.StartWith("audit").And.None.StartWith("public.tmp_load"));
        Assert.That(identities, Has.Some.EqualTo("public.orders").And.Some.EqualTo("reporting.totals"));
    }

    [Test]
    public async Task A_change_to_an_excluded_object_is_not_drift_but_one_to_another_is()
    {
        await using var database = await SchemaDatabase.BuiltAsync(Schema);
        var recorded = await SchemaDatabase.FingerprintAsync(database, scope: Excluding);

        await SchemaDatabase.RunAsync(database, """
            ALTER TABLE audit.events ADD COLUMN at timestamptz;
            CREATE TABLE audit.more (id int);
            CREATE TABLE tmp_other (id int);
            ALTER TABLE orders ADD COLUMN note text;
            """);
        var live = await SchemaDatabase.FingerprintAsync(database, scope: Excluding);

        Assert.That(SchemaComparison.Compare(recorded, live).Select(d => d.ToString()), Is.EqualTo(new[] { "+ column public.orders.note" }));
    }

    [Test]
    public async Task A_schema_list_describes_those_schemas_only()
    {
        await using var database = await SchemaDatabase.BuiltAsync(Schema);

        var identities = (await SchemaDatabase.FingerprintAsync(database, scope: new SchemaScope(["reporting"], []))).Lines.Select(l => l.Identity).ToList();

        Assert.That(identities, Is.EquivalentTo(new[] { "reporting", "reporting.totals", "reporting.totals.n" }));
    }
}

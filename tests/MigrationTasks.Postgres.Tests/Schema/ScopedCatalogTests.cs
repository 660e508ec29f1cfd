using MigrationTasks.Schema;
using MigrationTasks.Testing;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>
/// The catalog query finds a schema's objects from the schema (pg_depend's namespace dependencies, then each
/// relation's indexes, constraints, triggers and policies by their own indexes) instead of reading pg_class,
/// pg_type and pg_proc whole. These tests hold that route against the catalogs read by namespace, for every
/// object kind, including objects moved into the schema by ALTER ... SET SCHEMA.
/// </summary>
public sealed class ScopedCatalogTests
{
    // Every kind the fingerprint covers, some in two shapes, and objects that reached their schema by SET SCHEMA.
    private const string Objects = """
        CREATE SCHEMA other;
        CREATE TYPE sales.span AS RANGE (subtype = int4);
        CREATE FUNCTION sales.add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
        CREATE FUNCTION sales.add(a numeric, b numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
        CREATE AGGREGATE sales.total_of(int) (sfunc = int4pl, stype = int);
        CREATE TABLE sales.lines (order_id bigint, during tsrange, serial_no serial, EXCLUDE USING gist (during WITH &&), UNIQUE (serial_no));
        ALTER TABLE sales.lines ADD CONSTRAINT lines_order FOREIGN KEY (order_id) REFERENCES sales.orders (id) NOT VALID;
        CREATE INDEX events_at ON sales.events (at);
        CREATE INDEX totals_mood ON sales.totals (mood);
        CREATE FUNCTION sales.instead() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER recent_insert INSTEAD OF INSERT ON sales.recent FOR EACH ROW EXECUTE FUNCTION sales.instead();
        CREATE CONSTRAINT TRIGGER lines_check AFTER INSERT ON sales.lines DEFERRABLE FOR EACH ROW EXECUTE FUNCTION sales.instead();
        COMMENT ON TRIGGER orders_touch ON sales.orders IS 'stamps';
        COMMENT ON CONSTRAINT placed_recently ON sales.orders IS 'recent';
        COMMENT ON TYPE sales.pair IS 'two things';
        CREATE TABLE other.moved (a int PRIMARY KEY);
        ALTER TABLE other.moved SET SCHEMA sales;
        CREATE TYPE other.shape AS (x int);
        ALTER TYPE other.shape SET SCHEMA sales;
        CREATE DOMAIN other.small AS int CHECK (VALUE < 10);
        ALTER DOMAIN other.small SET SCHEMA sales;
        CREATE FUNCTION other.one() RETURNS int LANGUAGE sql AS 'SELECT 1';
        ALTER FUNCTION other.one() SET SCHEMA sales;
        CREATE TABLE sales.leaving (a int);
        ALTER TABLE sales.leaving SET SCHEMA other;
        CREATE TABLE other.keeps (a int PRIMARY KEY, b sales.pair);
        """;

    private TestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task BuildAsync() => _database = await SchemaDatabase.BuiltAsync(FingerprintIdentityTests.RichSchema + "\n" + Objects);

    [OneTimeTearDown]
    public async Task DropAsync() => await _database.DisposeAsync();

    [Test]
    public async Task Every_relation_type_and_routine_of_the_schema_is_described()
    {
        // Given what the catalogs hold in schema sales, read by namespace (kinds with a line of their own)
        var expected = await ReadAsync("""
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'sales' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c', 'i', 'I')
            UNION ALL SELECT format('%I.%I', n.nspname, t.typname) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'sales' AND t.typtype IN ('e', 'd', 'r')
            UNION ALL SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'sales' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
            UNION ALL SELECT format('%I.%I.%I', n.nspname, c.relname, k.conname) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'sales'
            UNION ALL SELECT format('%I.%I.%I', n.nspname, t.typname, k.conname) FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'sales'
            UNION ALL SELECT format('%I.%I.%I', n.nspname, c.relname, g.tgname) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'sales' AND NOT g.tgisinternal
            UNION ALL SELECT format('%I.%I.%I', n.nspname, c.relname, o.polname) FROM pg_policy o JOIN pg_class c ON c.oid = o.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'sales'
            """);

        // When the schema is read with its scope
        var scoped = await SchemaDatabase.FingerprintAsync(_database, scope: new SchemaScope(["sales"], []));

        // Then every one of them has its line, and the moved-out table has none
        var described = scoped.Lines.Where(l => l.Kind is not ("column" or "schema" or "extension")).Select(l => l.Identity).ToList();
        Assert.That(described, Is.EquivalentTo(expected));
        Assert.That(expected, Has.Member("sales.moved").And.Member("sales.shape").And.Member("sales.small").And.Member("sales.one()").And.Member("sales.events_at").And.Member("sales.moved_pkey"));
        Assert.That(described, Has.None.Contains("leaving"));
    }

    [Test]
    public async Task A_scoped_read_equals_the_whole_database_read_filtered_to_that_schema()
    {
        var scoped = await SchemaDatabase.FingerprintAsync(_database, scope: new SchemaScope(["sales"], []));
        var whole = await SchemaDatabase.FingerprintAsync(_database);

        // The whole read also holds schema other and the extensions installed in public (hstore is in public here).
        var filtered = whole.Lines.Where(l => l.Identity.StartsWith("sales", StringComparison.Ordinal) || (l.Kind == "extension" && l["schema"] == "sales"));
        Assert.That(scoped.Lines.Select(Written), Is.EqualTo(filtered.Select(Written)));
        Assert.That(whole.Lines.Select(l => l.Identity), Has.Member("other.leaving").And.Member("other.keeps_pkey"));
    }

    private static string Written(SchemaLine line) => line.Key + " " + string.Join(" ", line.Attributes);

    private async Task<List<string>> ReadAsync(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}

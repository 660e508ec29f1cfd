using MigrationTasks.Schema;

namespace MigrationTasks.Postgres.Tests.Schema;

/// <summary>Each kind of change made by hand shows as one named difference.</summary>
public sealed class DriftDetectionTests
{
    private const string Schema = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TABLE t (a int, b int DEFAULT 0);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE VIEW v AS SELECT a FROM t WHERE a > 0;
        CREATE SEQUENCE s;
        """;

    [TestCase("CREATE INDEX t_a ON t (a)", "+ index public.t_a")]
    [TestCase("ALTER TABLE t ALTER b SET DEFAULT 1", "~ column public.t.b (default)")]
    [TestCase("ALTER TABLE t DISABLE TRIGGER t_touch", "~ trigger public.t.t_touch (enabled)")]
    [TestCase("ALTER TYPE mood ADD VALUE 'meh'", "~ enum public.mood (labels)")]
    [TestCase("CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$", "~ function public.touch() (definition)")]
    [TestCase("CREATE POLICY p ON t USING (a > 0)", "+ policy public.t.p")]
    [TestCase("CREATE OR REPLACE VIEW v AS SELECT a FROM t WHERE a > 1", "~ view public.v (definition)")]
    [TestCase("ALTER TABLE t DROP COLUMN b", "- column public.t.b")]
    [TestCase("COMMENT ON TABLE t IS 'hand-made'", "~ table public.t (comment)")]
    [TestCase("COMMENT ON COLUMN t.a IS 'hand-made'", "~ column public.t.a (comment)")]
    [TestCase("COMMENT ON FUNCTION touch() IS 'hand-made'", "~ function public.touch() (comment)")]
    [TestCase("ALTER SEQUENCE s INCREMENT 5", "~ sequence public.s (sequence)")]
    public async Task A_change_made_by_hand_is_named_with_its_kind_and_identity(string change, string expected)
    {
        // Given a schema and its fingerprint
        await using var database = await SchemaDatabase.BuiltAsync(Schema);
        var recorded = await SchemaDatabase.FingerprintAsync(database);

        // When someone changes it by hand
        await SchemaDatabase.RunAsync(database, change);
        var live = await SchemaDatabase.FingerprintAsync(database);

        // Then the comparison names that change, and only it
        var differences = SchemaComparison.Compare(recorded, live).Select(d => d.ToString());
        Assert.That(differences, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task An_unchanged_schema_has_no_differences()
    {
        await using var database = await SchemaDatabase.BuiltAsync(Schema);

        var differences = SchemaComparison.Compare(await SchemaDatabase.FingerprintAsync(database), await SchemaDatabase.FingerprintAsync(database));

        Assert.That(differences, Is.Empty);
    }
}

using MigrationTasks.Schema;

namespace MigrationTasks.Core.Tests.Schema;

/// <summary>Fingerprint text in, named differences and review text out; no database needed.</summary>
public sealed class SchemaComparisonTests
{
    private static SchemaFingerprint Fingerprint(string hash, params string[] lines) =>
        new(hash, string.Join('\n', [SchemaFingerprint.Header, .. lines]));

    [Test]
    public void Escaped_values_read_back_as_written()
    {
        var line = SchemaLine.Parse("function\tpublic.f()\tdefinition=BEGIN\\n\\tRETURN 'a\\\\b';\\nEND\tcomment=x=y");

        Assert.That(line.Key, Is.EqualTo("function public.f()"));
        Assert.That(line["definition"], Is.EqualTo("BEGIN\n\tRETURN 'a\\b';\nEND"));
        Assert.That(line["comment"], Is.EqualTo("x=y"));
    }

    [Test]
    public void Extra_missing_and_changed_objects_are_named_in_order_with_the_attributes_that_changed()
    {
        var recorded = Fingerprint("sha256:a", "column\tpublic.t.a\tposition=1\ttype=integer", "column\tpublic.t.b\tposition=2\ttype=integer", "table\tpublic.t");
        var live = Fingerprint("sha256:b", "column\tpublic.t.a\tposition=1\ttype=bigint\tnot_null=yes", "index\tpublic.t_a\tdefinition=CREATE INDEX t_a ON public.t USING btree (a)", "table\tpublic.t");

        var differences = SchemaComparison.Compare(recorded, live).Select(d => d.ToString());

        Assert.That(differences, Is.EqualTo(new[] { "~ column public.t.a (not_null, type)", "- column public.t.b", "+ index public.t_a" }));
    }

    [Test]
    public void Equal_hashes_are_no_differences()
    {
        Assert.That(SchemaComparison.Compare(Fingerprint("sha256:a", "table\tpublic.t"), Fingerprint("sha256:a", "table\tpublic.t")), Is.Empty);
    }

    [Test]
    public void The_dump_prints_server_sql_as_statements_and_the_rest_as_comments()
    {
        var fingerprint = Fingerprint("sha256:abc", "column\tpublic.t.a\tposition=1\ttype=integer", "index\tpublic.t_a\tdefinition=CREATE INDEX t_a ON public.t USING btree (a)");

        var text = SchemaDump.Render(fingerprint, "pg_catalog", "'migrations dump'");

        Assert.That(text, Is.EqualTo("""
            -- migrationtasks schema fingerprint v1
            -- sha256:abc
            -- Written by 'migrations dump' from pg_catalog, one block per object; for review, not to be run.

            -- column public.t.a
            --   position: 1
            --   type: integer

            -- index public.t_a
            CREATE INDEX t_a ON public.t USING btree (a);

            """.ReplaceLineEndings("\n")));
    }
}

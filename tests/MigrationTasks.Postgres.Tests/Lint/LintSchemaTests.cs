namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// The same-migration exemption compares tables by schema and name as the server resolves them:
/// unqualified names are in public, unquoted names fold to lower case, quoted ones do not.
/// </summary>
public sealed class LintSchemaTests
{
    [TestCase("orders", "public.orders")]
    [TestCase("public.orders", "orders")]
    [TestCase("\"orders\"", "orders")]
    [TestCase("orders", "\"public\".\"orders\"")]
    [TestCase("PUBLIC.Orders", "orders")]
    [TestCase("app.orders", "APP.\"orders\"")]
    [TestCase("mydb.app.orders", "app.orders")]
    public void The_same_table_written_differently_is_exempt(string created, string used)
    {
        Assert.That(LintRun.Findings($"CREATE TABLE {created} (id bigint);\nCREATE INDEX ON {used} (id);\nALTER TABLE {used} DROP COLUMN id;"), Is.Empty);
    }

    [TestCase("orders", "other.orders")]
    [TestCase("other.orders", "orders")]
    [TestCase("app.orders", "public.orders")]
    [TestCase("\"Orders\"", "orders")]
    public void A_table_of_the_same_name_in_another_schema_or_case_is_not_exempt(string created, string used)
    {
        var finding = LintRun.Findings($"CREATE TABLE {created} (id bigint);\nCREATE INDEX ON {used} (id);").Single();

        Assert.That((finding.Code, finding.Line), Is.EqualTo(("MT2120", 2)));
    }

    [Test]
    public void A_finding_names_the_schema_unless_it_is_public()
    {
        var findings = LintRun.Findings("DROP TABLE public.a, app.b, \"C\";");

        Assert.That(findings.Single().Message, Does.StartWith("DROP TABLE a, app.b, C deletes"));
    }

    [Test]
    public void An_index_lives_in_its_table_s_schema()
    {
        var findings = LintRun.Findings("CREATE TABLE app.t (n bigint);\nCREATE INDEX t_n_idx ON app.t (n);\nDROP INDEX app.t_n_idx;\nDROP INDEX t_n_idx;");

        Assert.That(findings.Select(f => (f.Code, f.Line)), Is.EqualTo(new[] { ("MT2121", 4) }), "the unqualified name is public.t_n_idx, another index");
    }

    [Test]
    public void A_table_created_in_one_schema_does_not_exempt_dropping_its_namesake()
    {
        var finding = LintRun.Findings("CREATE TABLE staging.orders (id bigint);\nDROP TABLE staging.orders, orders;").Single();

        Assert.That(finding.Message, Does.StartWith("DROP TABLE orders deletes"));
    }
}

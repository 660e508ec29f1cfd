namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// Constraints written on a column added to an existing table validate (or build their index) at once
/// and cannot be NOT VALID: the safe recipe adds the column, then the constraint NOT VALID, then validates.
/// </summary>
public sealed class ColumnConstraintTests
{
    [TestCase("ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id)", "add-foreign-key", "REFERENCES")]
    [TestCase("ALTER TABLE orders ADD customer_id bigint CONSTRAINT orders_customer_fk REFERENCES customers ON DELETE CASCADE", "add-foreign-key", "REFERENCES")]
    [TestCase("ALTER TABLE app.orders ADD COLUMN IF NOT EXISTS customer_id bigint NULL REFERENCES customers", "add-foreign-key", "REFERENCES")]
    [TestCase("ALTER TABLE orders ADD COLUMN qty integer CHECK (qty > 0)", "add-check-constraint", "CHECK")]
    [TestCase("ALTER TABLE orders ADD COLUMN ref text UNIQUE", "add-unique-constraint", "UNIQUE")]
    [TestCase("ALTER TABLE orders ADD COLUMN ref text CONSTRAINT orders_ref_key UNIQUE NULLS NOT DISTINCT", "add-unique-constraint", "UNIQUE")]
    public void A_constraint_on_a_column_added_to_an_existing_table_is_reported_at_its_keyword(string statement, string rule, string keyword)
    {
        var finding = LintRun.Findings($"{statement};").Single();

        var column = statement.IndexOf(keyword, StringComparison.Ordinal) + 1;
        Assert.That((finding.Code, finding.Line, finding.Column), Is.EqualTo((Rules.Code(rule), 1, column)));
        Assert.That(finding.Message, Does.Contain($"{keyword} on the new column "));
    }

    [Test]
    public void A_primary_key_on_a_column_added_to_an_existing_table_builds_its_index_under_the_lock()
    {
        var codes = LintRun.Findings("ALTER TABLE orders ADD COLUMN n integer PRIMARY KEY;").Select(f => f.Code);

        Assert.That(codes, Is.EquivalentTo(new[] { "MT2150", "MT2125" }));
    }

    [Test]
    public void A_foreign_key_column_on_a_new_table_is_fine()
    {
        Assert.That(LintRun.Findings("CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN customer_id bigint REFERENCES customers (id) CHECK (customer_id > 0) UNIQUE;"), Is.Empty);
    }

    [TestCase("ALTER TABLE orders ADD COLUMN note text DEFAULT 'REFERENCES customers'")]
    [TestCase("ALTER TABLE orders ADD COLUMN note text /* REFERENCES customers */")]
    [TestCase("ALTER TABLE orders ADD COLUMN \"check\" text")]
    [TestCase("ALTER TABLE orders ADD COLUMN unique_ref text")]
    [TestCase("ALTER TABLE orders ADD COLUMN customer_id bigint")]
    public void Constraint_words_in_strings_comments_and_names_are_not_constraints(string statement)
    {
        Assert.That(LintRun.Findings($"{statement};"), Is.Empty);
    }

    [Test]
    public void The_safe_recipe_in_a_no_transaction_migration_gives_no_finding()
    {
        var sql = """
            -- migrate:no-transaction
            ALTER TABLE orders ADD COLUMN customer_id bigint;
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
            """;

        Assert.That(LintRun.Findings(sql), Is.Empty);
    }

    [TestCase("FOREIGN KEY (customer_id) REFERENCES customers (id)", "MT2123")]
    [TestCase("CHECK (total >= 0)", "MT2124")]
    public void Validating_in_the_transaction_that_added_the_constraint_not_valid_is_reported(string constraint, string code)
    {
        var sql = $"ALTER TABLE orders ADD CONSTRAINT c {constraint} NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;";

        var finding = LintRun.Findings(sql).Single();

        Assert.That((finding.Code, finding.Line), Is.EqualTo((code, 2)));
        Assert.That(finding.Message, Does.StartWith("VALIDATE CONSTRAINT c in the transaction that added it NOT VALID"));
    }

    [TestCase("ALTER TABLE app.orders ADD FOREIGN KEY (customer_id, region) REFERENCES customers NOT VALID;\nALTER TABLE app.orders VALIDATE CONSTRAINT orders_customer_id_region_fkey;", "MT2123")]
    [TestCase("ALTER TABLE orders ADD CHECK (note IS NOT NULL) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_note_check;", "MT2124")]
    public void An_unnamed_constraint_is_known_by_the_name_the_server_gives_it(string sql, string code)
    {
        Assert.That(LintRun.Findings(sql).Select(f => (f.Code, f.Line)), Is.EqualTo(new[] { (code, 2) }));
    }

    [TestCase("ALTER TABLE orders VALIDATE CONSTRAINT c;")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;\nALTER TABLE invoices VALIDATE CONSTRAINT c;")]
    [TestCase("ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT d;")]
    public void Validating_a_constraint_added_in_an_earlier_migration_is_the_safe_second_step(string sql)
    {
        Assert.That(LintRun.Findings(sql), Is.Empty);
    }
}

using System.Text.Json;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary><c>migrations drift</c> and <c>up --check-drift</c>: exit 9 when the schema was changed by hand.</summary>
public sealed class DriftTests : DatabaseTest
{
    private async Task<Migrations> AppliedAsync()
    {
        var migrations = Migrations.Basic();
        var up = await Run(migrations, "up");
        Assert.That(up.ExitCode, Is.EqualTo(0), up.ToString());
        return migrations;
    }

    [Test]
    public async Task A_schema_as_the_migrations_left_it_is_no_drift_and_pending_files_are_not_drift()
    {
        // Given applied migrations, and a new file not yet applied
        using var migrations = await AppliedAsync();
        migrations.Add("0004_create_invoices.sql", "CREATE TABLE invoices (id int);");

        // When drift is checked
        var result = await Run(migrations, "drift");

        // Then it is clean
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("No drift").And.Contain("after 0003 (seed_user)"));
    }

    [Test]
    public async Task Drift_spells_the_version_as_the_file_does()
    {
        // Given migrations whose versions are zero-padded, applied, and a column dropped by hand
        using var migrations = await AppliedAsync();
        await Database.ExecuteAsync("ALTER TABLE users DROP COLUMN email");

        // When drift is checked, as text and as JSON
        var text = await Run(migrations, "drift");
        var json = await Run(migrations, "drift", "--output", "json");

        // Then both name 0003, the version a user finds in the folder, not the canonical 3
        Assert.That(text.ExitCode, Is.EqualTo(9), text.ToString());
        Assert.That(text.Output, Does.Contain("differ from the schema recorded after 0003 (seed_user):"));
        var checkedEvent = json.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("event").GetString() == "schema_checked");
        Assert.That(checkedEvent.GetProperty("version").GetString(), Is.EqualTo("0003"));
    }

    [Test]
    public async Task A_column_dropped_by_hand_is_exit_9_naming_it()
    {
        using var migrations = await AppliedAsync();
        await Database.ExecuteAsync("ALTER TABLE users DROP COLUMN email");

        var result = await Run(migrations, "drift");

        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        Assert.That(result.Output, Does.Contain("  - column public.users.email"));
    }

    [Test]
    public async Task Drift_as_json_lists_each_difference_with_its_kind_identity_and_attributes()
    {
        using var migrations = await AppliedAsync();
        await Database.ExecuteAsync("ALTER TABLE users ALTER email SET DEFAULT 'x'");

        var result = await Run(migrations, "drift", "--output", "json");

        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        var checkedEvent = result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("event").GetString() == "schema_checked");
        var difference = checkedEvent.GetProperty("differences").EnumerateArray().Single();
        Assert.That(checkedEvent.GetProperty("drifted").GetBoolean(), Is.True);
        Assert.That(difference.GetProperty("change").GetString(), Is.EqualTo("changed"));
        Assert.That(difference.GetProperty("kind").GetString(), Is.EqualTo("column"));
        Assert.That(difference.GetProperty("identity").GetString(), Is.EqualTo("public.users.email"));
        Assert.That(difference.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "default" }));
    }

    [Test]
    public async Task Drift_with_nothing_applied_is_exit_2_saying_what_to_do()
    {
        using var migrations = Migrations.Basic();

        var result = await Run(migrations, "drift");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3016").And.Contain("migrations up"));
    }

    [Test]
    public async Task Up_with_check_drift_refuses_a_drifted_schema_and_applies_nothing()
    {
        // Given an index added by hand and a pending migration
        using var migrations = await AppliedAsync();
        await Database.ExecuteAsync("CREATE INDEX users_email ON users (email)");
        migrations.Add("0004_create_invoices.sql", "CREATE TABLE invoices (id int);");

        // When up runs with --check-drift
        var result = await Run(migrations, "up", "--check-drift");

        // Then it stops with exit 9, naming the index, and the pending migration is not applied
        Assert.That(result.ExitCode, Is.EqualTo(9), result.ToString());
        Assert.That(result.Output, Does.Contain("+ index public.users_email"));
        Assert.That(result.Error, Does.Contain("MT3015"));
        Assert.That(await Database.TableExistsAsync("public", "invoices"), Is.False);
    }

    [Test]
    public async Task Up_with_check_drift_from_the_environment_applies_onto_a_clean_schema()
    {
        using var migrations = await AppliedAsync();
        migrations.Add("0004_create_invoices.sql", "CREATE TABLE invoices (id int);");

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_CHECK_DRIFT"] = "true" },
            "up", "--dir", migrations.Path, "--connection", Database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("No drift"));
        Assert.That(await Database.TableExistsAsync("public", "invoices"), Is.True);
    }
}

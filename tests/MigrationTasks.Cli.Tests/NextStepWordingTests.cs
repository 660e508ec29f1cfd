using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The engine names next steps as markers and the CLI spells them as its commands: the sentences read as they always
/// did, in the text, the NDJSON events and the audit row, and no marker ever reaches the user.
/// </summary>
public sealed class NextStepWordingTests : DatabaseTest
{
    private const string HalfApplied = "-- migrate:no-transaction\nCREATE TABLE s1 (id int);\nINSERT INTO s_missing VALUES (1);\n";

    private const string Marker = "\u27E6";

    [Test]
    public async Task A_failure_outside_a_transaction_names_migrations_repair_in_the_output_and_the_audit_row()
    {
        using var migrations = new Migrations().Add("0001_half.sql", HalfApplied);

        var result = await Run(migrations, "up");

        const string Step = "it is recorded as failed: fix the database, then run 'migrations repair'";
        Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
        Assert.That(result.Error, Does.Contain(Step).And.Not.Contain(Marker), result.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT detail FROM migrationtasks_history_audit"), Does.Contain(Step).And.Not.Contain(Marker));
    }

    [Test]
    public async Task The_next_run_names_repair_and_resume_as_commands_in_text_and_json()
    {
        using var migrations = new Migrations().Add("0001_half.sql", HalfApplied);
        await Run(migrations, "up");

        var text = await Run(migrations, "up");
        var json = await Run(migrations, "up", "--output", "json");

        const string Steps = "fix the database by hand, then run 'migrations repair', or 'migrations up --resume' to continue from the failed statement";
        Assert.That(text.Error, Does.Contain(Steps).And.Not.Contain(Marker), text.ToString());
        // NDJSON escapes the quotes and would escape a marker too (\u27E6): the commands are there, the marker is not.
        Assert.That(json.Output + json.Error, Does.Contain("migrations repair").And.Contain("migrations up --resume"), json.ToString());
        Assert.That(json.Output + json.Error, Does.Not.Contain("27E6").IgnoreCase.And.Not.Contain(Marker), json.ToString());
    }
}

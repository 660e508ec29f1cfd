using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// The build of another tool's folder re-checks it when a file that decides the layout's migrations changes, not
/// only a .sql file: drizzle-kit's meta/_journal.json (which files run, their versions) and Flyway's .sql.conf.
/// </summary>
public sealed class ForeignLayoutBuildTests
{
    private TestProject _project = null!;
    private ProcessResult _first = null!;
    private ProcessResult _afterJournalEdit = null!;

    [OneTimeSetUp]
    public async Task BuildEditTheJournalAndBuildAgain()
    {
        _project = await TestProject.CreateAsync("Shop", "<EnableMigrationsSum>false</EnableMigrationsSum>");
        _project.Migration("0000_users.sql", "CREATE TABLE \"users\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        _project.Migration("0001_orders.sql", "CREATE TABLE \"orders\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        Directory.CreateDirectory(Path.Combine(_project.Migrations, "meta"));
        _project.Write(Path.Combine("migrations", "meta", "_journal.json"),
            """{"entries":[{"idx":0,"when":1700000000000,"tag":"0000_users"},{"idx":1,"when":1700000100000,"tag":"0001_orders"}]}""");
        _first = await _project.BuildAsync();

        // Before: the journal was no input of the check, so this build skipped it and succeeded with a file drizzle-kit never runs.
        _project.Write(Path.Combine("migrations", "meta", "_journal.json"), """{"entries":[{"idx":0,"when":1700000000000,"tag":"0000_users"}]}""");
        _afterJournalEdit = await _project.BuildAsync();
    }

    [Test]
    public void A_journal_edit_alone_is_checked_by_the_next_build()
    {
        Assert.That(_first.ExitCode, Is.Zero, _first.ToString());
        Assert.That(_afterJournalEdit.ExitCode, Is.Not.Zero, _afterJournalEdit.ToString());
        Assert.That(_afterJournalEdit.Output, Does.Contain("0001_orders.sql").And.Contain("error MT1025"));
    }
}

using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>`migrations new`: the next file in the folder's own numbering style, its path printed.</summary>
public sealed class NewCommandTests
{
    private static string[] Files(Migrations folder) => [.. Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Test]
    public async Task An_empty_folder_gets_its_first_four_digit_migration()
    {
        using var folder = new Migrations();

        var result = await Tool.RunAsync("new", "create_orders", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Files(folder), Is.EqualTo(new[] { "0001_create_orders.sql" }));
        Assert.That(result.Output.Trim(), Is.EqualTo(Path.Combine(folder.Path, "0001_create_orders.sql")));
    }

    [Test]
    public async Task The_next_number_keeps_the_folders_width_and_down_adds_its_down_file()
    {
        using var folder = new Migrations().Add("00001_a.sql", "SELECT 1;").Add("00002_b.sql", "SELECT 1;").Add("00002_b.down.sql", "SELECT 1;");

        var result = await Tool.RunAsync("new", "add_note", "--down", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Files(folder), Does.Contain("00003_add_note.sql").And.Contain("00003_add_note.down.sql"));
    }

    [Test]
    public async Task A_folder_of_timestamps_gets_a_utc_timestamp()
    {
        using var folder = new Migrations().Add("20260101120000_a.sql", "SELECT 1;");

        var result = await Tool.RunAsync("new", "add_note", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Files(folder).Last(), Does.Match(@"^20\d{12}_add_note\.sql$").And.Not.EqualTo("20260101120000_a.sql"));
    }

    [Test]
    public async Task A_golang_migrate_folder_gets_its_up_spelling()
    {
        using var folder = new Migrations().Add("000001_a.up.sql", "SELECT 1;").Add("000001_a.down.sql", "SELECT 1;");

        var result = await Tool.RunAsync("new", "add_note", "--down", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Files(folder), Does.Contain("000002_add_note.up.sql").And.Contain("000002_add_note.down.sql"));
    }

    [Test]
    public async Task The_new_file_is_a_valid_migration_of_the_folder()
    {
        using var folder = new Migrations().Add("0001_a.sql", "SELECT 1;");
        await Tool.RunAsync("new", "b", "--dir", folder.Path);

        var lint = await Tool.RunAsync("lint", "--dir", folder.Path);

        Assert.That(lint.ExitCode, Is.Zero, lint.ToString());
        Assert.That(lint.Error, Does.Contain("0002_b.sql(1,1): warning MT1008"));
    }

    [TestCase("add note")]
    [TestCase("drop/users")]
    public async Task A_name_that_cannot_be_a_file_name_is_a_usage_error(string name)
    {
        using var folder = new Migrations();

        var result = await Tool.RunAsync("new", name, "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002"));
        Assert.That(Files(folder), Is.Empty);
    }

    // A folder that cannot be made (a file on its path) is the user's setting to fix, not a bug of the tool.
    [TestCase("new", "add_note")]
    [TestCase("init")]
    public async Task A_folder_that_cannot_be_created_is_named_with_the_next_step(params string[] command)
    {
        using var folder = new Migrations().Add("0001_a.sql", "SELECT 1;");
        var impossible = Path.Combine(folder.Path, "0001_a.sql", "migrations");

        var result = await Tool.RunAsync([.. command, "--dir", impossible]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1019").And.Contain(impossible).And.Contain("--dir"));
        Assert.That(result.Error, Does.Not.Contain("internal error").And.Not.Contain("Exception"));
    }
}

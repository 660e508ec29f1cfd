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

    // Before: each got a plain '<version>_<name>.sql' with one comment, which its folder then refused
    // (MT1024 mixed layouts for dbmate, node-pg-migrate and Flyway), so the next lint, build and up stopped.
    [TestCase("20240101120000_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\n", "-- migrate:up\n")]
    [TestCase("1700000000000_a.sql", "-- Up Migration\nSELECT 1;\n-- Down Migration\n", "-- Up Migration\n")]
    [TestCase("V1_1__a.sql", "SELECT 1;", "-- Write")]
    public async Task A_foreign_folder_gets_a_file_of_its_own_layout(string existing, string text, string starts)
    {
        using var folder = new Migrations().Add(existing, text);

        var result = await Tool.RunAsync("new", "add_note", "--down", "--dir", folder.Path);
        var lint = await Tool.RunAsync("lint", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var added = Files(folder).Except([existing]).ToList();
        Assert.That(File.ReadAllText(Path.Combine(folder.Path, added[^1])), Does.StartWith(starts));
        Assert.That(lint.ExitCode, Is.Zero, lint.ToString());
        Assert.That(lint.Error, Does.Not.Contain("error"));
        Assert.That(added, existing.StartsWith('V') ? Is.EqualTo(new[] { "U2__add_note.sql", "V2__add_note.sql" }) : Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_drizzle_folder_is_refused_with_drizzle_kits_command_and_nothing_written()
    {
        // drizzle-kit's journal decides what runs; before, the new file was outside it and the folder refused it (MT1025).
        using var folder = new Migrations().Add("0000_init.sql", "SELECT 1;");
        Directory.CreateDirectory(Path.Combine(folder.Path, "meta"));
        File.WriteAllText(Path.Combine(folder.Path, "meta", "_journal.json"), """{"entries":[{"idx":0,"when":1700000000000,"tag":"0000_init"}]}""");

        var result = await Tool.RunAsync("new", "add_note", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002").And.Contain("drizzle-kit generate --custom --name=add_note"));
        Assert.That(Files(folder), Is.EqualTo(new[] { "0000_init.sql" }));
    }

    [Test]
    public async Task A_seventeen_digit_folder_gets_a_timestamp_as_wide_so_it_orders_last()
    {
        // node-pg-migrate's utc names are yyyyMMddHHmmssfff: a 14-digit stamp was a smaller number, refused as out of order.
        using var folder = new Migrations().Add("20240101120000000_a.sql", "SELECT 1;");

        var result = await Tool.RunAsync("new", "add_note", "--dir", folder.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Files(folder).Last(), Does.Match(@"^20\d{15}_add_note\.sql$"));
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

using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// <c>migrations dump</c>'s file (shown on SQLite, which needs no server): it replaces an earlier dump and nothing
/// else, and a path it cannot write is MT1019 with the path, not an internal error.
/// </summary>
public sealed class SqliteDumpFileTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-dump-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private async Task<string> MigratedDatabaseAsync()
    {
        var connection = "sqlite:" + Path.Combine(_folder, "app.db");
        using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");
        var up = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", connection, "--no-backup");
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        return connection;
    }

    [Test]
    public async Task A_file_of_the_users_is_never_replaced_and_an_earlier_dump_is()
    {
        var connection = await MigratedDatabaseAsync();
        var mine = Path.Combine(_folder, "schema.sql");
        File.WriteAllText(mine, "-- the schema we maintain by hand\nCREATE TABLE t (id INTEGER);\n");
        var dump = Path.Combine(_folder, "dump.sql");

        var refused = await Tool.RunAsync("dump", "--connection", connection, "--out", mine);
        var first = await Tool.RunAsync("dump", "--connection", connection, "--out", dump);
        var again = await Tool.RunAsync("dump", "--connection", connection, "--out", dump);

        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("MT1019").And.Contain(mine).And.Contain("--out"));
        Assert.That(File.ReadAllText(mine), Is.EqualTo("-- the schema we maintain by hand\nCREATE TABLE t (id INTEGER);\n"));
        Assert.That((first.ExitCode, again.ExitCode), Is.EqualTo((0, 0)), first + "\n" + again);
    }

    [Test]
    public async Task A_folder_that_does_not_exist_is_mt1019_not_an_internal_error()
    {
        var connection = await MigratedDatabaseAsync();
        var path = Path.Combine(_folder, "no-such-folder", "schema.sql");

        var result = await Tool.RunAsync("dump", "--connection", connection, "--out", path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1019").And.Contain(path).And.Not.Contain("MT3009"));
    }
}

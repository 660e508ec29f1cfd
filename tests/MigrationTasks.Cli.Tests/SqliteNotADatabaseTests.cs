using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// A connection that names a file which is not a SQLite database: every command that opens it says so with MT3005
/// and the file (exit 5), never an internal error, and leaves the file as it was.
/// </summary>
public sealed class SqliteNotADatabaseTests
{
    private static readonly string NotADatabase = new('x', 4096);

    [TestCase("drift")]
    [TestCase("baseline", "--version", "1")]
    [TestCase("mark-applied", "1")]
    [TestCase("repair")]
    [TestCase("up")]
    [TestCase("status")]
    [TestCase("dump")]
    public async Task A_file_that_is_not_a_sqlite_database_is_mt3005_naming_it_and_stays_as_it_was(params string[] command)
    {
        var folder = Directory.CreateTempSubdirectory("mt-sqlite-notadb-").FullName;
        try
        {
            var path = Path.Combine(folder, "app.db");
            File.WriteAllText(path, NotADatabase);
            using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");

            var result = await Tool.RunAsync([.. command, "--dir", migrations.Path, "--connection", "sqlite:" + path]);

            Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
            Assert.That(result.Error, Does.Contain("MT3005").And.Contain(path).And.Contain("SQLITE_NOTADB").And.Not.Contain("MT3009"));
            Assert.That(File.ReadAllText(path), Is.EqualTo(NotADatabase));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

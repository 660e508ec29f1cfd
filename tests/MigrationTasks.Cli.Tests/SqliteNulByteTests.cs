using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>A NUL byte in a SQLite project's migration is refused where it is, in words that fit SQLite too.</summary>
public sealed class SqliteNulByteTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("mt-sqlite-nul-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_nul_byte_is_refused_at_its_line_without_naming_postgresql()
    {
        using var migrations = new Migrations().Add("0001_notes.sql", "CREATE TABLE notes (id INTEGER);\nSELECT 'a\0b';\n");

        var result = await Tool.RunAsync(["up", "--dir", migrations.Path, "--connection", "sqlite:" + Path.Combine(_folder, "app.db")]);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("0001_notes.sql(2,10)").And.Contain("MT1020")
            .And.Contain("NUL character (byte 0) at line 2, column 10, which the database cannot take in SQL text"), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("PostgreSQL"), result.ToString());
    }
}

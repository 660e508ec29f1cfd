using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>`up` on a folder with no migrations warns (MT1060) and still succeeds; a folder named in another case is named in the error.</summary>
public sealed class EmptyFolderTests : DatabaseTest
{
    [Test]
    public async Task Up_on_an_empty_folder_warns_and_exits_zero()
    {
        using var folder = new Migrations();

        var result = await Run(folder, "up");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain($"warning MT1060: no migrations were found in '{folder.Path}'").And.Contain("(--dir, or 'directory' in migrations.yaml)"));
    }

    [Test]
    public async Task Up_on_a_folder_with_migrations_does_not_warn()
    {
        using var folder = Migrations.Basic();

        var result = await Run(folder, "up");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.All, Does.Not.Contain("MT1060"));
    }

    [Test]
    public async Task A_missing_folder_whose_name_exists_in_another_case_names_that_folder()
    {
        using var parent = new Migrations();
        Directory.CreateDirectory(Path.Combine(parent.Path, "Migrations"));

        var result = await Tool.RunAsync("up", "--dir", Path.Combine(parent.Path, "migrations"), "--connection", Database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1000").And.Contain("a folder named 'Migrations' is there"));
    }
}

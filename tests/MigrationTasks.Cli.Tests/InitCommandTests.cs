using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Configuration;

namespace MigrationTasks.Cli.Tests;

/// <summary>`migrations init`: a first migration and a commented migrations.yaml that the tool reads back, never over anything existing.</summary>
public sealed class InitCommandTests : DatabaseTest
{
    private string _project = null!;

    private string Folder => Path.Combine(_project, "migrations");

    private string ConfigFile => Path.Combine(_project, "migrations.yaml");

    [SetUp]
    public void CreateProject() => _project = Directory.CreateTempSubdirectory("mt-init-").FullName;

    [TearDown]
    public void RemoveProject() => Directory.Delete(_project, recursive: true);

    [Test]
    public async Task Init_writes_a_first_migration_and_a_configuration_and_says_what_to_do_next()
    {
        var result = await Tool.RunAsync("init", "--dir", Folder);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Directory.GetFiles(Folder).Select(Path.GetFileName), Is.EqualTo(new[] { "0001_initial.sql" }));
        Assert.That(File.ReadAllText(Path.Combine(Folder, "0001_initial.sql")), Does.StartWith("--"));
        Assert.That(result.Output, Does.Contain(Path.Combine(Folder, "0001_initial.sql")).And.Contain(ConfigFile)
            .And.Contain("<PackageReference Include=\"MigrationTasks\" Version=\"").And.Contain($"migrations up --config {ConfigFile}"));
    }

    [Test]
    public async Task The_configuration_is_read_back_without_error_and_holds_every_newcomers_key_commented_out()
    {
        await Tool.RunAsync("init", "--dir", Folder);

        var (configuration, diagnostics) = ConfigurationLoader.Load(ConfigFile);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(configuration.Values.Keys, Is.EqualTo(new[] { "directory" }), "every other key is a comment, so the defaults apply");
        var text = File.ReadAllText(ConfigFile);
        foreach (var key in new[] { "directory: migrations ", "# engine: postgresql", "#   schema: public", "#   table: migrationtasks_history",
                     "#   timeout: 300s", "# timeout: 300s", "#   attempts: 3", "#   enabled: true", "#     protected: true" })
        {
            Assert.That(text, Does.Contain(key));
        }
    }

    [Test]
    public async Task Each_commented_key_uncommented_is_still_a_valid_configuration()
    {
        await Tool.RunAsync("init", "--dir", Folder);
        // Uncommenting is what a user does next: every line must then be a key the reader accepts.
        var uncommented = File.ReadAllLines(ConfigFile)
            .Where(l => l.StartsWith("# ", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal) && !l.StartsWith("# migrations.yaml", StringComparison.Ordinal)
                && !l.StartsWith("# The connection", StringComparison.Ordinal) && !l.StartsWith("# Every key", StringComparison.Ordinal))
            .Select(l => l[2..]);
        File.WriteAllLines(ConfigFile, uncommented);

        var (configuration, diagnostics) = ConfigurationLoader.Load(ConfigFile);

        Assert.That(diagnostics, Is.Empty, File.ReadAllText(ConfigFile));
        Assert.That(MigrationsOptions.Read(configuration).Problems, Is.Empty);
        Assert.That(configuration.Values, Does.ContainKey("retry.attempts").And.ContainKey("lint.since").And.ContainKey("lint.set-not-null"));
    }

    [Test]
    public async Task The_new_project_lints_and_applies_on_postgresql()
    {
        await Tool.RunAsync("init", "--dir", Folder);
        File.WriteAllText(Path.Combine(Folder, "0001_initial.sql"), "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL);\n");

        var lint = await Tool.RunAsync("lint", "--config", ConfigFile);
        var up = await Tool.RunAsync("up", "--config", ConfigFile, "--connection", Database.ConnectionString);

        Assert.That(lint.ExitCode, Is.Zero, lint.ToString());
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(up.Output, Does.Contain("0001_initial"));
    }

    [Test]
    public async Task Engine_sqlite_writes_the_engine_and_the_project_applies_to_a_sqlite_file()
    {
        var result = await Tool.RunAsync("init", "--engine", "sqlite", "--dir", Folder);
        File.WriteAllText(Path.Combine(Folder, "0001_initial.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n");

        var (configuration, _) = ConfigurationLoader.Load(ConfigFile);
        var up = await Tool.RunAsync("up", "--config", ConfigFile, "--connection", "sqlite:" + Path.Combine(_project, "app.db"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(configuration.Text("engine"), Is.EqualTo("sqlite"));
        Assert.That(result.Output, Does.Contain("sqlite:"));
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
    }

    [Test]
    public async Task A_folder_with_files_is_refused_and_nothing_is_written()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "0001_mine.sql"), "SELECT 1;");

        var result = await Tool.RunAsync("init", "--dir", Folder);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4040").And.Contain(Folder).And.Contain("migrations new"));
        Assert.That(File.Exists(ConfigFile), Is.False);
        Assert.That(Directory.GetFiles(Folder).Select(Path.GetFileName), Is.EqualTo(new[] { "0001_mine.sql" }));
    }

    [Test]
    public async Task An_existing_configuration_is_refused_and_kept()
    {
        File.WriteAllText(ConfigFile, "timeout: 10s\n");

        var result = await Tool.RunAsync("init", "--dir", Folder);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4040").And.Contain(ConfigFile));
        Assert.That(File.ReadAllText(ConfigFile), Is.EqualTo("timeout: 10s\n"));
        Assert.That(Directory.Exists(Folder), Is.False);
    }
}

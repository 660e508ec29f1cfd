using MigrationTasks.Bundles;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Files;
using MigrationTasks.Testing;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>The container job's contract: configured only by environment variables, bundle at /migrations, exit codes.</summary>
public sealed class ContainerEntrypointTests : DatabaseTest
{
    private ContainerImage _image = null!;
    private string _root = null!;
    private string _app = null!;
    private string _bundle = null!;

    [SetUp]
    public void BuildImageFolders()
    {
        _image = ContainerImage.Read();
        _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mt-image-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        _app = Path.Combine(_root, "app");
        _bundle = Path.Combine(_root, "migrations");
        // The image's /app is the native publish: the published runner when the suite has one, else the build.
        var build = PublishedRunner.Path is { } published ? Path.GetDirectoryName(published)!
            : Path.Combine(ChildProcess.RepositoryRoot, "src", "MigrationTasks.Cli", "bin", ChildProcess.Configuration, "net10.0");
        foreach (var file in Directory.GetFiles(build, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_app, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        using var migrations = Migrations.Basic();
        BundleWriter.Write(MigrationDirectory.Load(PostgresDialect.Instance, migrations.Path), _bundle, "0.1.0");
    }

    [TearDown]
    public void DeleteImageFolders() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_image_runs_up_on_the_bundle_at_migrations_with_an_exec_form_entrypoint()
    {
        Assert.That(_image.Entrypoint, Is.EqualTo(new[] { "/app/migrations" }));
        Assert.That(_image.Command, Is.EqualTo(new[] { "up", "--bundle", "/migrations" }));
        Assert.That(File.ReadAllText(ContainerImage.DockerfilePath), Does.Contain("\nUSER $APP_UID\n"));
        Assert.That(_image.Variables, Does.ContainKey("DOTNET_EnableDiagnostics"));
    }

    [Test]
    public async Task As_a_non_root_user_with_only_DATABASE_URL_the_job_applies_the_bundle()
    {
        var result = await _image.RunAsync(_app, _bundle, new Dictionary<string, string> { ["DATABASE_URL"] = Database.ConnectionString });

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users"), Is.EqualTo("ada@example.com"));
        Assert.That(await Database.ScalarAsync<string>("SELECT DISTINCT applied_by FROM migrationtasks_history"), Is.Not.Empty);
    }

    [Test]
    public async Task MIGRATION_DATABASE_URL_and_MIGRATION_DRY_RUN_show_the_plan_and_write_nothing()
    {
        var result = await _image.RunAsync(_app, _bundle, new Dictionary<string, string>
        {
            ["MIGRATION_DATABASE_URL"] = Database.ConnectionString,
            ["DATABASE_URL"] = "Host=127.0.0.1;Port=1;Username=not-this-one",
            ["MIGRATION_DRY_RUN"] = "true",
        });

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("0003_seed_user"));
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.False);
    }

    [Test]
    public async Task DISABLE_DB_MIGRATIONS_succeeds_without_a_database()
    {
        var result = await _image.RunAsync(_app, _bundle, new Dictionary<string, string> { ["DISABLE_DB_MIGRATIONS"] = "true" });

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("DISABLE_DB_MIGRATIONS"));
    }

    [Test]
    public async Task An_unreachable_database_fails_the_job_with_exit_5_within_MIGRATION_TIMEOUT()
    {
        var result = await _image.RunAsync(_app, _bundle, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgresql://user@127.0.0.1:1/db",
            ["MIGRATION_TIMEOUT"] = "2",
        });

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
    }

    [Test]
    public async Task A_job_started_before_its_database_waits_for_it_within_MIGRATION_TIMEOUT()
    {
        await using var cluster = await ThrowawayCluster.CreateAsync(start: false);

        var job = _image.RunAsync(_app, _bundle, new Dictionary<string, string> { ["DATABASE_URL"] = cluster.ConnectionString(), ["MIGRATION_TIMEOUT"] = "60" });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(job.IsCompleted, Is.False, "the job should still be retrying while the server is down");
        await cluster.StartAsync();
        var result = await job;

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("Applied 3 migrations"));
    }

    [Test]
    public async Task A_tampered_bundle_fails_the_job_with_exit_3()
    {
        File.AppendAllText(Path.Combine(_bundle, "0002_create_orders.sql"), "\nDROP TABLE users;");

        var result = await _image.RunAsync(_app, _bundle, new Dictionary<string, string> { ["DATABASE_URL"] = Database.ConnectionString });

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(await Database.TableExistsAsync("public", "users"), Is.False);
    }
}

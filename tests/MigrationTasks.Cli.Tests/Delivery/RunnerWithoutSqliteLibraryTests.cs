using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// The native runner ships as two files, the executable and SQLite's library beside it. Copied alone, it must say
/// which file is missing on a SQLite run (it said "internal error: TypeInitializationException ... please report it").
/// </summary>
public sealed class RunnerWithoutSqliteLibraryTests
{
    [Test]
    public async Task A_sqlite_run_of_a_runner_copied_without_its_library_names_the_missing_file()
    {
        var published = PublishedRunner.Path;
        if (published is null || !OperatingSystem.IsLinux())
        {
            Assert.Ignore("needs the published Linux runner (MIGRATIONTASKS_CLI, as .ci/run sets it)");
            return;
        }

        var folder = Directory.CreateTempSubdirectory("mt-lonely-runner-").FullName;
        try
        {
            var runner = Path.Combine(folder, Path.GetFileName(published));
            // File.Copy keeps the executable bit on Unix.
            File.Copy(published, runner);
            using var migrations = new Migrations().Add("0001_t.sql", "CREATE TABLE t (id INTEGER);");
            var database = Path.Combine(folder, "app.db");

            var result = await ChildProcess.RunAsync(runner, ["up", "--dir", migrations.Path, "--connection", "sqlite:" + database],
                new Dictionary<string, string>(), folder, TimeSpan.FromMinutes(2));

            Assert.That(result.ExitCode, Is.Not.Zero.And.Not.EqualTo(ExitCodes.InternalError), result.ToString());
            Assert.That(result.Error, Does.Contain("MT3005").And.Contain("libe_sqlite3.so").And.Contain("copy it there"));
            Assert.That(result.All, Does.Not.Contain("internal error"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

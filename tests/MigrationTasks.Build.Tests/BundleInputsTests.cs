using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// Editing a file beside the migrations that decides what the bundle holds (migrations.yaml, drizzle-kit's journal)
/// re-bundles on the next publish, or build with BundleMigrationsOnBuild, though no .sql file changed.
/// </summary>
public sealed class BundleInputsTests
{
    private const string Journal = """{"entries":[{"idx":0,"when":WHEN,"tag":"0000_users"}]}""";

    [TestCase("publish", "migrations.yaml", "0000_users.sql")]
    [TestCase("publish", "journal", "1700000000001_0000_users.sql")]
    [TestCase("build", "migrations.yaml", "0000_users.sql")]
    [TestCase("build", "journal", "1700000000001_0000_users.sql")]
    public async Task An_edit_of_a_file_that_decides_the_bundle_re_bundles(string command, string edited, string bundled)
    {
        // Given a Drizzle folder (its journal gives the versions) that migrations.yaml names, bundled once
        var project = await TestProject.CreateAsync("Bundle" + command + edited.Replace(".", "", StringComparison.Ordinal),
            "<EnableMigrationsSum>false</EnableMigrationsSum><BundleMigrationsOnBuild>true</BundleMigrationsOnBuild>");
        project.Migration("0000_users.sql", "CREATE TABLE \"users\" (\"id\" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        Directory.CreateDirectory(Path.Combine(project.Migrations, "meta"));
        var journal = Path.Combine("migrations", "meta", "_journal.json");
        project.Write(journal, Journal.Replace("WHEN", "1700000000000", StringComparison.Ordinal));
        project.Write("migrations.yaml", "format: drizzle\n");
        var first = await project.RunAsync(command, "-c", "Release");

        // When only that file is edited (the yaml reads the folder as ours; the journal moves the version) and it runs again
        _ = edited == "journal"
            ? project.Write(journal, Journal.Replace("WHEN", "1700000000001", StringComparison.Ordinal))
            : project.Write("migrations.yaml", "format: migrationtasks\n");
        var second = await project.RunAsync(command, "-c", "Release");

        // Then the bundle is written again from the edited file
        var bundle = Path.Combine(project.Directory, "bin", "Release", "net10.0", command == "publish" ? "publish" : "", "migrations");
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(Directory.GetFiles(bundle).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(new[] { bundled, "manifest.json" }), second.ToString());
    }
}

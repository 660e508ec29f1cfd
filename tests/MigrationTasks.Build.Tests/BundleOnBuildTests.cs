using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>BundleMigrationsOnBuild keeps a bundle in the output folder from one build to the next.</summary>
public sealed class BundleOnBuildTests
{
    [Test]
    public async Task A_build_with_nothing_to_re_bundle_keeps_the_bundle_in_the_output_folder()
    {
        // Given a project that bundles on build, built once
        var project = await TestProject.CreateAsync("BundleOnBuildKept", "<BundleMigrationsOnBuild>true</BundleMigrationsOnBuild>");
        project.Migration("0001_users.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        var first = await project.BuildAsync();

        // When it builds again with no change (the bundle target is skipped as up to date)
        var second = await project.BuildAsync();

        // Then the bundle is still there: the build's incremental clean did not take it for a stale file
        var bundle = Path.Combine(project.Directory, "bin", "Debug", "net10.0", "migrations");
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        string?[] files = Directory.Exists(bundle) ? [.. Directory.GetFiles(bundle).Select(Path.GetFileName).Order(StringComparer.Ordinal)] : [];
        Assert.That(files, Is.EqualTo(new[] { "0001_users.sql", "manifest.json" }), second.ToString());
    }
}

using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>A second `dotnet publish` after a change: what the bundle and its bookkeeping look like then.</summary>
public sealed class RepublishTests
{
    private const string Users = "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);";
    private const string Orders = "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);";

    [Test]
    public async Task Publishing_again_lists_each_bundle_file_once_for_clean_and_rewrites_the_list_only_when_it_changes()
    {
        // Given a project published once, then again with a new migration
        var project = await TestProject.CreateAsync("PublishTwice");
        project.Migration("0001_users.sql", Users);
        var first = await Publish(project);
        var added = project.Migration("0002_orders.sql", Orders);
        var second = await Publish(project);
        var list = Path.Combine(project.Directory, "obj", "Release", "net10.0", "MigrationTasks.bundle.files");
        var listed = File.ReadAllLines(list);
        var written = File.GetLastWriteTimeUtc(list);

        // When it publishes a third time after a touch that changes no file of the bundle
        File.SetLastWriteTimeUtc(added, DateTime.UtcNow.AddSeconds(5));
        var third = await Publish(project);

        // Then the list that `dotnet clean` reads names each bundle file once, and the third publish left it alone
        Assert.That(new[] { first, second, third }.Select(p => p.ExitCode), Is.All.Zero, $"{first}\n{second}\n{third}");
        Assert.That(third.Output, Does.Contain("MigrationTasks: bundled 2 migration(s)"), "the touch re-ran the bundle");
        Assert.That(listed, Is.Unique);
        Assert.That(listed.Select(Path.GetFileName), Is.EquivalentTo(new[] { "0001_users.sql", "0002_orders.sql", "manifest.json" }));
        Assert.That(File.ReadAllLines(list), Is.EqualTo(listed));
        Assert.That(File.GetLastWriteTimeUtc(list), Is.EqualTo(written), "an unchanged list is not written again");
    }

    private static Task<ProcessResult> Publish(TestProject project) => project.RunAsync("publish", "-c", "Release");
}

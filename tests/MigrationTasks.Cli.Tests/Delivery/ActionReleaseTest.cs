using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>Tests of action.yml's steps, with a release of the action (version <see cref="Release"/>) to download.</summary>
public abstract class ActionReleaseTest : DatabaseTest
{
    protected const string Release = "9.9.9";
    protected static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private ActionRelease _release = null!;

    [OneTimeSetUp]
    public void PublishARelease() => _release = new ActionRelease(Release, "owner/repo");

    [OneTimeTearDown]
    public void DeleteRelease() => _release.Dispose();

    /// <summary>The release, to copy under another repository.</summary>
    internal ActionRelease ReleaseFolder => _release;

    /// <summary>A new job whose runner finds the release.</summary>
    internal ActionJob NewJob(IReadOnlyDictionary<string, string>? extraEnvironment = null) => _release.NewJob(extraEnvironment);
}

namespace MigrationTasks.Testing;

/// <summary>Files of the repository the tests run from (docs, samples).</summary>
public static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MigrationTasks.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MigrationTasks.sln not found above the test directory");
    }
}

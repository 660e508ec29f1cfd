namespace MigrationTasks.Cli.Tests.Support;

/// <summary>A temporary --tenants-file; removed on dispose.</summary>
internal sealed class TenantsFile : IDisposable
{
    public TenantsFile(string text) => File.WriteAllText(Path, text);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-tenants-" + Guid.NewGuid().ToString("N"));

    /// <summary>One schema per line: <c>t01</c>, <c>t02</c>, ...</summary>
    public static TenantsFile Schemas(int count) =>
        new(string.Join('\n', Keys(count)));

    public static IEnumerable<string> Keys(int count) =>
        Enumerable.Range(1, count).Select(i => $"t{i:D2}");

    public void Dispose() => File.Delete(Path);
}

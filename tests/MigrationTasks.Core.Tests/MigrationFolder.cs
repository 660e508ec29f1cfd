using System.Text;

namespace MigrationTasks.Core.Tests;

/// <summary>A temporary migrations folder a test writes files into; removed on dispose.</summary>
internal sealed class MigrationFolder : IDisposable
{
    public MigrationFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-core-" + Guid.NewGuid().ToString("N"));

    public string Write(string fileName, string text) => WriteBytes(fileName, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string fileName, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

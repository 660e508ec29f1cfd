using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests.Delivery;

/// <summary>
/// A GitHub release of the action as release.yml publishes it, served from a local folder
/// (GITHUB_SERVER_URL=file://...): <c>&lt;repository&gt;/releases/download/v&lt;version&gt;/</c> with
/// <c>migrations-&lt;version&gt;-linux-x64.tar.gz</c> and <c>SHA256SUMS</c>. The archive holds the runner
/// the suites test: the published native one, or a launcher of the test build's migrations.dll.
/// </summary>
internal sealed class ActionRelease : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mt-action-" + Guid.NewGuid().ToString("N")[..8])).FullName;
    private readonly string _version;
    private readonly string _folder;

    public ActionRelease(string version, string repository)
    {
        _version = version;
        _folder = FolderOf(repository);
        var archive = Path.Combine(_folder, $"migrations-{version}-linux-x64.tar.gz");
        WriteRunnerArchive(archive);
        File.WriteAllText(Path.Combine(_folder, "SHA256SUMS"), $"{Sha256(archive)}  {Path.GetFileName(archive)}\n");
    }

    private string Server => Path.Combine(_root, "server");

    /// <summary>A job whose steps find this release at the runner's GITHUB_SERVER_URL.</summary>
    public ActionJob NewJob(IReadOnlyDictionary<string, string>? extraEnvironment = null) =>
        new(_root, new Uri(Server).AbsoluteUri.TrimEnd('/'), extraEnvironment);

    /// <summary>The same release under another repository; returns its folder, to tamper with.</summary>
    public string CopyTo(string repository)
    {
        var target = FolderOf(repository);
        foreach (var file in Directory.GetFiles(_folder))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string FolderOf(string repository) =>
        Directory.CreateDirectory(Path.Combine([Server, .. repository.Split('/'), "releases", "download", "v" + _version])).FullName;

    private static void WriteRunnerArchive(string archive)
    {
        var staging = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(archive)!, "staging")).FullName;
        var runner = Path.Combine(staging, "migrations");
        if (PublishedRunner.Path is { } published)
        {
            File.Copy(published, runner);
        }
        else if (!OperatingSystem.IsWindows())
        {
            var (program, arguments) = PublishedRunner.Command([]);
            File.WriteAllText(runner, $"#!/bin/sh\nexec '{program}' '{string.Join("' '", arguments)}' \"$@\"\n");
            File.SetUnixFileMode(runner, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using (var output = File.Create(archive))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(staging, gzip, includeBaseDirectory: false);
        }

        Directory.Delete(staging, recursive: true);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

using System.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Files;

/// <summary>Only regular files are read: opening a named pipe blocks, a device never ends.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RegularFileTests
{
    private MigrationFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new MigrationFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    [CancelAfter(10_000)]
    public void A_named_pipe_is_refused_by_kind_without_being_opened()
    {
        var pipe = System.IO.Path.Combine(_folder.Path, "0001_pipe.sql");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
        }

        var refused = Assert.Throws<NotRegularFileException>(() => RegularFile.ReadAllBytes(pipe));

        Assert.That(refused!.Message, Is.EqualTo($"'{pipe}' is a named pipe (FIFO), not a regular file."));
    }

    [TestCase("/dev/zero", "a character device")]
    [TestCase("/tmp", "a folder")]
    public void Devices_and_folders_are_refused_by_kind(string path, string kind)
    {
        var refused = Assert.Throws<NotRegularFileException>(() => RegularFile.ReadAllBytes(path));

        Assert.That(refused!.Kind, Is.EqualTo(kind));
    }

    [Test]
    public void A_regular_file_and_a_link_to_one_are_read_whole()
    {
        _folder.Write("0001_a.sql", "SELECT 1;");
        var link = System.IO.Path.Combine(_folder.Path, "0002_link.sql");
        File.CreateSymbolicLink(link, "0001_a.sql");

        Assert.That(RegularFile.ReadAllText(link), Is.EqualTo("SELECT 1;"));
    }

    [Test]
    public void A_cancelled_read_stops()
    {
        _folder.Write("0001_a.sql", "SELECT 1;");

        Assert.Throws<OperationCanceledException>(() => RegularFile.ReadAllBytes(System.IO.Path.Combine(_folder.Path, "0001_a.sql"), new CancellationToken(canceled: true)));
    }
}

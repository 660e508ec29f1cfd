using MigrationTasks.Diagnostics;
using MigrationTasks.Sums;
using static MigrationTasks.Core.Tests.Sums.SumTestFiles;

namespace MigrationTasks.Core.Tests.Sums;

/// <summary>How <see cref="SumCheck.Run"/> writes migrations.sum on disk: whole or not at all, and as the file was.</summary>
public sealed class SumFileWriteTests
{
    // migrations.sum recording the first two migrations of Three(), as a build before the third was written leaves it.
    private static string RecordedTwo(MigrationFolder folder)
    {
        var path = Path.Combine(folder.Path, MigrationsSum.FileName);
        SumCheck.Run(Set(Three().Migrations.Take(2).Select(m => (Path.GetFileName(m.Path), m.Up.Text)).ToArray()), path, SumMode.Append);
        return path;
    }

    [Test]
    public void A_reader_that_opened_the_sum_file_before_an_append_reads_the_old_file_whole()
    {
        // Given a recorded sum file that a reader (git, an editor, another build) has open
        using var folder = new MigrationFolder();
        var path = RecordedTwo(folder);
        var before = File.ReadAllBytes(path);
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        // When a build appends a new migration
        var result = SumCheck.Run(Three(), path, SumMode.Append);

        // Then the file was replaced, not rewritten under the reader, and nothing is left beside it
        using var read = new MemoryStream();
        reader.CopyTo(read);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(read.ToArray(), Is.EqualTo(before), "the reader's file was overwritten in place");
        Assert.That(SumCheck.Run(Three(), path, SumMode.Verify).Diagnostics, Is.Empty, "the new file is complete");
        Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { MigrationsSum.FileName }));
    }

    [Test]
    public void A_read_only_sum_file_is_an_error_naming_it_and_is_left_as_it_was()
    {
        // Given a sum file marked read-only (as a file not checked out of Perforce is)
        using var folder = new MigrationFolder();
        var path = RecordedTwo(folder);
        var before = File.ReadAllBytes(path);
        File.SetAttributes(path, FileAttributes.ReadOnly);

        try
        {
            // When a build would append a new migration
            var result = SumCheck.Run(Three(), path, SumMode.Append);

            // Then it reports MT error on the file instead of replacing it
            var error = result.Diagnostics.Single();
            Assert.That((error.Code, error.IsError, error.File), Is.EqualTo((DiagnosticCodes.FileAccessFailed, true, path)));
            Assert.That(error.Message, Does.Contain("could not be written").And.Contain("read-only"));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
            Assert.That(Directory.GetFiles(folder.Path), Has.Length.EqualTo(1), "no temporary file is left behind");
        }
        finally
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_append_keeps_the_permissions_of_the_sum_file()
    {
        using var folder = new MigrationFolder();
        var path = RecordedTwo(folder);
        const UnixFileMode groupWritable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        File.SetUnixFileMode(path, groupWritable);

        SumCheck.Run(Three(), path, SumMode.Append);

        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(groupWritable));
    }

    [Test]
    public void An_append_to_a_crlf_sum_file_keeps_its_lines_byte_for_byte_and_writes_the_new_ones_crlf()
    {
        // Given a recorded sum file with CRLF line endings (a Windows checkout)
        using var folder = new MigrationFolder();
        var path = RecordedTwo(folder);
        var crlf = File.ReadAllText(path).ReplaceLineEndings("\r\n");
        File.WriteAllText(path, crlf);
        var recordedLines = crlf[..crlf.IndexOf("total", StringComparison.Ordinal)];

        // When a build appends a new migration
        var result = SumCheck.Run(Three(), path, SumMode.Append);

        // Then the recorded lines are untouched, every line still ends in CRLF, and the file still verifies
        var after = File.ReadAllText(path);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(File.ReadAllBytes(path)[..recordedLines.Length], Is.EqualTo(Bytes(recordedLines)));
        Assert.That(after, Does.Contain("0003_seed.sql"));
        Assert.That(after.Replace("\r\n", "", StringComparison.Ordinal), Does.Not.Contain('\n').And.Not.Contain('\r'));
        Assert.That(SumCheck.Run(Three(), path, SumMode.Verify).Diagnostics, Is.Empty);
    }

    [Test]
    public void A_new_sum_file_is_written_with_lf_line_endings()
    {
        using var folder = new MigrationFolder();

        var path = RecordedTwo(folder);

        Assert.That(File.ReadAllText(path), Does.Contain('\n').And.Not.Contain('\r'));
    }
}

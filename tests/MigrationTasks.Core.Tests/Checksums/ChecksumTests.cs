using System.Text;
using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Checksums;

public sealed class ChecksumTests
{
    private static string ChecksumOf(byte[] bytes) => Checksum.Of(MigrationText.Decode(bytes));

    [Test]
    public void Lf_crlf_cr_and_bom_variants_hash_equal()
    {
        var lf = ChecksumOf(Encoding.UTF8.GetBytes("CREATE TABLE t (id int);\nSELECT 1;\n"));
        var crlf = ChecksumOf(Encoding.UTF8.GetBytes("CREATE TABLE t (id int);\r\nSELECT 1;\r\n"));
        var cr = ChecksumOf(Encoding.UTF8.GetBytes("CREATE TABLE t (id int);\rSELECT 1;\r"));
        var bom = ChecksumOf([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("CREATE TABLE t (id int);\r\nSELECT 1;\r\n")]);

        Assert.That(new[] { crlf, cr, bom }, Is.All.EqualTo(lf));
    }

    [Test]
    public void A_changed_string_literal_changes_the_checksum()
    {
        var before = ChecksumOf(Encoding.UTF8.GetBytes("INSERT INTO t VALUES ('a');"));
        var after = ChecksumOf(Encoding.UTF8.GetBytes("INSERT INTO t VALUES ('b');"));

        Assert.That(after, Is.Not.EqualTo(before));
    }

    [Test]
    public void The_checksum_names_its_algorithm_and_is_sha256_of_the_normalized_text()
    {
        // sha256("SELECT 1;\n"), computed independently with sha256sum.
        var checksum = ChecksumOf(Encoding.UTF8.GetBytes("SELECT 1;\r\n"));

        Assert.That(checksum, Is.EqualTo("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("SELECT 1;\n"u8))));
        Assert.That(checksum, Does.StartWith("sha256:").And.Length.EqualTo(71));
    }

    [Test]
    public void Only_one_leading_bom_is_removed()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];

        var text = MigrationText.Decode([.. bom, .. bom, .. "x"u8]);

        Assert.That(text, Is.EqualTo("\uFEFFx"));
    }

    [Test]
    public void Invalid_utf8_is_an_error_naming_the_file_and_position()
    {
        using var folder = new MigrationFolder();
        folder.WriteBytes("0001_latin1.sql", [.. "SELECT 1;\nSELECT 'caf"u8, 0xE9, .. "';\n"u8]);

        var set = Linted.Load(folder.Path);

        var error = set.Errors.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.InvalidEncoding));
        Assert.That(error.File, Does.EndWith("0001_latin1.sql"));
        Assert.That((error.Line, error.Column), Is.EqualTo((2, 12)));
    }
}

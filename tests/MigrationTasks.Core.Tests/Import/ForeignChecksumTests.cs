using System.Text;
using MigrationTasks.Import;

namespace MigrationTasks.Core.Tests.Import;

/// <summary>
/// The checksums other tools record, for LF, CRLF and BOM files. The expected values were computed
/// outside this code base from each tool's documented algorithm:
/// Flyway (flyway-core, org.flywaydb.core.internal.resolver.ChecksumCalculator and
/// LoadableResource.calculateChecksum): the file read line by line with BufferedReader.readLine (no
/// line terminators), a BOM filtered from the first line, each line's UTF-8 bytes into one
/// java.util.zip.CRC32, cast to int; here zlib's CRC-32 of "CREATE TABLE users (id bigint);INSERT INTO users VALUES (1);".
/// Drizzle (drizzle-orm, src/migrator.ts readMigrationFiles): the file read to a string and hashed
/// with crypto.createHash('sha256').update(query).digest('hex'); here SHA-256 of the raw bytes.
/// </summary>
public sealed class ForeignChecksumTests
{
    private const string Lf = "CREATE TABLE users (id bigint);\nINSERT INTO users VALUES (1);\n";

    private static byte[] Bytes(string variant) => variant switch
    {
        "lf" => Encoding.UTF8.GetBytes(Lf),
        "crlf" => Encoding.UTF8.GetBytes(Lf.Replace("\n", "\r\n", StringComparison.Ordinal)),
        _ => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Lf)],
    };

    [TestCase("lf")]
    [TestCase("crlf")]
    [TestCase("bom")]
    public void Flyways_checksum_is_the_crc32_of_the_lines_without_terminators_or_bom(string variant)
    {
        Assert.That(ForeignChecksums.Flyway(Bytes(variant)), Is.EqualTo(-1920996676));
    }

    [Test]
    public void Flyways_checksum_ends_a_line_at_a_lone_cr_too()
    {
        Assert.That(ForeignChecksums.Flyway(Encoding.UTF8.GetBytes(Lf.Replace('\n', '\r'))), Is.EqualTo(-1920996676));
    }

    [TestCase("lf", "87f5544c5c641960e4f87f5e906599514fd7a0330c9a1a2e270548a8f4daf1c3")]
    [TestCase("crlf", "c938aab2b1f1def2e738e8c57a50e8b978f1f04021537a812f602d235c84185c")]
    [TestCase("bom", "3c73c9a8d07499d2c1303694003f7613e5354a7b8d3e885b7e156a793b89f2b8")]
    public void Drizzles_hash_is_the_sha256_of_the_file_as_read_bom_and_crlf_included(string variant, string expected)
    {
        Assert.That(ForeignChecksums.Drizzle(Bytes(variant)), Is.EqualTo(expected));
    }
}

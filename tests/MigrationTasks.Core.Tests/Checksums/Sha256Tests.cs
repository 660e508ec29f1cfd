using System.Text;
using MigrationTasks.Checksums;

namespace MigrationTasks.Core.Tests.Checksums;

public sealed class Sha256Tests
{
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA256ShortMsg"), and one block boundary case.
    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Matches_the_published_vectors(string message, string expected)
    {
        Assert.That(Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(message))), Is.EqualTo(expected));
    }

    [Test]
    public void Matches_the_published_vector_of_a_million_a()
    {
        var message = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();

        Assert.That(Convert.ToHexStringLower(Sha256.HashData(message)), Is.EqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    // Every length across the padding's one-block and two-block cases, and a few large ones, against the platform's SHA-256.
    [Test]
    public void Matches_the_platform_implementation_at_every_length_around_the_blocks()
    {
        var random = new Random(20261203);
        var lengths = Enumerable.Range(0, 260).Concat([1_000, 4_095, 4_096, 65_537, 1_048_576 + 3]);
        foreach (var length in lengths)
        {
            var message = new byte[length];
            random.NextBytes(message);

            Assert.That(Sha256.HashData(message), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(message)), $"length {length}");
        }
    }

    [Test]
    public void Writes_into_a_longer_destination_and_refuses_a_shorter_one()
    {
        var destination = new byte[40];
        Sha256.HashData("abc"u8, destination);

        Assert.Multiple(() =>
        {
            Assert.That(destination[..32], Is.EqualTo(System.Security.Cryptography.SHA256.HashData("abc"u8)));
            Assert.That(destination[32..], Is.All.Zero);
            Assert.That(() => Sha256.HashData("abc"u8, new byte[31]), Throws.ArgumentException);
        });
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MigrationTasks.Reliability.Tests.Scenarios;

/// <summary>
/// The runner's default advisory lock key, derived here from its documented inputs (database,
/// history schema, history table; see src/MigrationTasks.Postgres/Locking/AdvisoryLock.DeriveKey)
/// rather than by calling the code under test: a holder of this key must block every runner.
/// </summary>
internal static class LockKey
{
    public static long For(string database, string schema = "public", string table = "migrationtasks_history") =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"migrationtasks\0{database}\0{schema}\0{table}")));
}

using System.Text;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Sums;

/// <summary>Migration sets built in memory, so sum tests need no folder.</summary>
internal static class SumTestFiles
{
    public const string SumPath = "migrations/migrations.sum";

    public static MigrationSet Set(params (string Name, string Sql)[] files) =>
        Linted.LoadFiles(files.Select(f => ("migrations/" + f.Name, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Sql))).ToList());

    public static MigrationSet Three() => Set(
        ("0001_users.sql", "CREATE TABLE users (id int);"),
        ("0002_orders.sql", "CREATE TABLE orders (id int);"),
        ("0003_seed.sql", "INSERT INTO users VALUES (1);"));

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

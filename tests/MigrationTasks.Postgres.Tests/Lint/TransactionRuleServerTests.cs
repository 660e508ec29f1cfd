using System.Text;
using MigrationTasks.Core.Tests;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Sql;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>
/// MT1018 agrees with the server: inside a transaction block PostgreSQL refuses (25001) exactly the
/// statements the rule reports, and runs the look-alikes it leaves alone.
/// </summary>
public sealed class TransactionRuleServerTests
{
    private const string Schema = """
        CREATE TABLE t (c int);
        CREATE INDEX i ON t (c);
        CREATE TABLE m (y int) PARTITION BY LIST (y);
        CREATE TABLE m_2024 PARTITION OF m FOR VALUES IN (2024);
        CREATE TYPE mood AS ENUM ('ok');
        """;

    [TestCase("VACUUM t")]
    [TestCase("VACUUM ANALYZE t")]
    [TestCase("CREATE DATABASE never_created")]
    [TestCase("DROP DATABASE IF EXISTS never_created")]
    [TestCase("CREATE TABLESPACE never_created LOCATION '/nonexistent'")]
    [TestCase("DROP TABLESPACE IF EXISTS never_created")]
    [TestCase("ALTER SYSTEM SET work_mem = '64MB'")]
    [TestCase("ALTER DATABASE never_created SET TABLESPACE pg_default")]
    [TestCase("REINDEX INDEX CONCURRENTLY i")]
    [TestCase("REINDEX (CONCURRENTLY) TABLE t")]
    [TestCase("REINDEX SCHEMA public")]
    [TestCase("CLUSTER")]
    [TestCase("DISCARD ALL")]
    [TestCase("CREATE INDEX CONCURRENTLY j ON t (c)")]
    [TestCase("DROP INDEX CONCURRENTLY i")]
    [TestCase("ALTER TABLE m DETACH PARTITION m_2024 CONCURRENTLY")]
    [TestCase("CREATE SUBSCRIPTION s CONNECTION 'host=nowhere' PUBLICATION p")]
    [TestCase("ALTER TYPE mood ADD VALUE 'meh'")]
    [TestCase("REINDEX TABLE t")]
    [TestCase("REINDEX (CONCURRENTLY false) TABLE t")]
    [TestCase("ANALYZE t")]
    [TestCase("CLUSTER t USING i")]
    [TestCase("ALTER TABLE m DETACH PARTITION m_2024")]
    [TestCase("DISCARD PLANS")]
    [TestCase("REFRESH MATERIALIZED VIEW CONCURRENTLY never_created")]
    public async Task The_server_refuses_in_a_transaction_exactly_what_the_rule_reports(string statement)
    {
        var diagnostics = new List<Diagnostic>();
        // After a statement that runs in a transaction: a file of such statements alone runs outside one by itself.
        Linted.Read("0001_x.sql", Encoding.UTF8.GetBytes("SELECT 1;\n" + statement + ";"), diagnostics);
        var reported = diagnostics.Any(d => d.Code == DiagnosticCodes.NotInTransactionBlock);
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.OpenConnectionAsync();
        foreach (var setUp in SqlSplitter.Split(Schema).Statements)
        {
            await using var create = new NpgsqlCommand(setUp.Text, connection);
            await create.ExecuteNonQueryAsync();
        }

        await using var transaction = await connection.BeginTransactionAsync();
        string? sqlState = null;
        try
        {
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e)
        {
            sqlState = e.SqlState;
        }

        Assert.That(sqlState == "25001", Is.EqualTo(reported), $"SQLSTATE {sqlState}");
    }
}

using MigrationTasks.Postgres.Import;

namespace MigrationTasks.Postgres.Tests.Import;

/// <summary>
/// The advisory lock keys other tools take, checked against vectors computed outside this code base
/// from each tool's source:
/// golang-migrate (github.com/golang-migrate/migrate, commit 18966c7: database/util.go lines 10-20,
/// GenerateAdvisoryLockId; database/postgres/postgres.go line 235, Lock): CRC-32 IEEE of
/// schema NUL table NUL database, times 1486364155 in uint32 arithmetic; here Python's
/// (zlib.crc32(name) * 1486364155) % 2**32.
/// Flyway (github.com/flyway/flyway, commit c5e20fc: flyway-database-postgresql
/// PostgreSQLAdvisoryLockTemplate.java lines 38-54 and PostgreSQLConnection.java lines 105-108):
/// 0x466C79776179 plus the String.hashCode() of the table's quoted name; here computed by running
/// Java itself ("\"public\".\"flyway_schema_history\"".hashCode() on OpenJDK).
/// </summary>
public sealed class ForeignLockKeyTests
{
    [TestCase("app", "public", "schema_migrations", 1787120056L)]
    [TestCase("/app", "public", "schema_migrations", 1726534663L)]
    [TestCase("orders_prod", "billing", "schema_migrations", 1105211271L)]
    [TestCase("café", "public", "migrations_history", 3309581756L)]
    public void Golang_migrates_key_is_the_salted_crc32_of_schema_table_and_database(string database, string schema, string table, long expected)
    {
        Assert.That(ForeignLockKeys.GolangMigrate(database, schema, table), Is.EqualTo(expected));
    }

    [Test]
    public void Golang_migrates_key_is_taken_for_the_url_path_and_for_the_bare_database_name()
    {
        // The migrate CLI opens a URL and names the database by its path ("/app"); a Go program that
        // passes an open connection gets current_database() ("app"). Both keys guard the same table.
        Assert.That(ForeignLockKeys.GolangMigrateAnyOpening("app", "public", "schema_migrations"), Is.EquivalentTo(new[] { 1726534663L, 1787120056L }));
    }

    [TestCase("public", "flyway_schema_history", 77433833903597L)]
    [TestCase("app", "flyway_schema_history", 77431436970681L)]
    [TestCase("Tenant \"A\"", "flyway_schema_history", 77431213843179L)]
    [TestCase("café", "history", 77433328102842L)]
    public void Flyways_key_is_its_magic_number_plus_the_java_hash_of_the_quoted_table_name(string schema, string table, long expected)
    {
        Assert.That(ForeignLockKeys.Flyway(schema, table), Is.EqualTo(expected));
    }
}

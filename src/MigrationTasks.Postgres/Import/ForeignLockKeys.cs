using System.Text;
using MigrationTasks.Import;

namespace MigrationTasks.Postgres.Import;

/// <summary>
/// The advisory lock keys other tools take on PostgreSQL while they migrate, derived as each tool
/// derives them, so that <c>migrations import</c> can hold the same lock and never read a history
/// table the tool is writing at that moment.
/// </summary>
public static class ForeignLockKeys
{
    /// <summary>node-pg-migrate's fixed key (PG_MIGRATE_LOCK_ID in its db lock code).</summary>
    public const long NodePgMigrate = 7241865325823964;

    // golang-migrate's salt (database/util.go, advisoryLockIDSalt, line 10 at commit 18966c7).
    private const uint GolangMigrateSalt = 1486364155;

    // Flyway's LOCK_MAGIC_NUM: the bytes of "Flyway" as a number (flyway-database-postgresql,
    // org/flywaydb/database/postgresql/PostgreSQLAdvisoryLockTemplate.java, lines 38-43 at commit c5e20fc).
    private const long FlywayMagic = 0x46_6C_79_77_61_79;

    /// <summary>
    /// golang-migrate's key (database/util.go GenerateAdvisoryLockId, lines 13-20, called from
    /// database/postgres/postgres.go Lock, line 235, at commit 18966c7): the CRC-32 (IEEE) of schema,
    /// table and database name joined with NUL, times the salt in 32-bit unsigned arithmetic (it
    /// wraps), sent to pg_advisory_lock as that unsigned number. The database name is whatever
    /// golang-migrate was given: the URL's path, leading '/' included, when it opened a URL (the
    /// migrate CLI; postgres.go line 204), current_database() when a program passed a connection.
    /// </summary>
    public static long GolangMigrate(string database, string schema, string table) =>
        unchecked(Crc32.Of(Encoding.UTF8.GetBytes(string.Join('\0', schema, table, database))) * GolangMigrateSalt);

    /// <summary>
    /// The names golang-migrate may have used for <paramref name="database"/>: as the migrate CLI
    /// (URL path, with its '/') and as a library given an open connection (current_database()).
    /// </summary>
    public static long[] GolangMigrateAnyOpening(string database, string schema, string table) =>
        [GolangMigrate("/" + database, schema, table), GolangMigrate(database, schema, table)];

    /// <summary>
    /// Flyway's key (PostgreSQLAdvisoryLockTemplate.java line 54: magic + discriminator; the
    /// discriminator is <c>table.toString().hashCode()</c>, PostgreSQLConnection.java lines 105-108):
    /// Java's String.hashCode of the history table's quoted name, <c>"schema"."table"</c> with any
    /// '"' doubled (SchemaObject.toString, flyway-core base/SchemaObject.java lines 75-77; Database.java
    /// quote, lines 240-253; PostgreSQLDatabase.java doQuote and getEscapedQuote, lines 117-126),
    /// a signed 32-bit number added to the magic. Flyway takes it with pg_try_advisory_xact_lock (or
    /// pg_try_advisory_lock when postgresql.transactional.lock is false): the same lock either way.
    /// </summary>
    public static long Flyway(string schema, string table) => FlywayMagic + JavaHashCode($"{JavaQuote(schema)}.{JavaQuote(table)}");

    private static string JavaQuote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // java.lang.String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, in int arithmetic.
    private static int JavaHashCode(string text)
    {
        var hash = 0;
        foreach (var unit in text)
        {
            hash = unchecked((31 * hash) + unit);
        }

        return hash;
    }
}

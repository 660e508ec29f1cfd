using Npgsql;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// A text fingerprint of everything a migration run could change in a database: every non-system
/// schema with its tables, columns, indexes, constraints, views, triggers, functions, sequences and
/// types, and the rows of every table (the history and audit tables included, wherever
/// migrations.yaml put them). Two equal fingerprints mean the run left the database as it was.
/// It is read with catalog queries only, so taking it creates nothing.
/// </summary>
internal static class CatalogFingerprint
{
    // Sequences are fingerprinted by definition, not by last_value: PostgreSQL never rolls a sequence
    // back, so a rolled-back INSERT advances it by design; rows and schema are what must not change.
    private const string Query = """
        WITH user_schemas AS (
            SELECT oid, nspname FROM pg_namespace
            WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'
        ), user_tables AS (
            SELECT c.oid, s.nspname, c.relname FROM pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p')
        )
        SELECT coalesce(string_agg(line, E'\n' ORDER BY line), '') FROM (
            SELECT format('schema %I owner %s', s.nspname, pg_get_userbyid(n.nspowner)) AS line FROM user_schemas s JOIN pg_namespace n USING (oid)
            UNION ALL
            SELECT format('relation %I.%I kind %s', s.nspname, c.relname, c.relkind)
            FROM pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
            UNION ALL
            SELECT format('column %I.%I.%I %s notnull=%s default=%s', s.nspname, c.relname, a.attname,
                format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid))
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN user_schemas s ON s.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT format('index %s valid=%s', pg_get_indexdef(i.indexrelid), i.indisvalid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN user_schemas s ON s.oid = c.relnamespace
            UNION ALL
            SELECT format('constraint %I.%I %s', s.nspname, con.conname, pg_get_constraintdef(con.oid))
            FROM pg_constraint con JOIN user_schemas s ON s.oid = con.connamespace
            UNION ALL
            SELECT format('view %I.%I %s', s.nspname, c.relname, pg_get_viewdef(c.oid))
            FROM pg_class c JOIN user_schemas s ON s.oid = c.relnamespace WHERE c.relkind IN ('v', 'm')
            UNION ALL
            SELECT format('trigger %s enabled=%s', pg_get_triggerdef(t.oid), t.tgenabled)
            FROM pg_trigger t JOIN user_tables u ON u.oid = t.tgrelid WHERE NOT t.tgisinternal
            UNION ALL
            SELECT format('function %I.%I(%s) kind %s returns %s body md5 %s', s.nspname, p.proname,
                pg_get_function_identity_arguments(p.oid), p.prokind, pg_get_function_result(p.oid), md5(coalesce(p.prosrc, '')))
            FROM pg_proc p JOIN user_schemas s ON s.oid = p.pronamespace
            UNION ALL
            SELECT format('sequence %I.%I %s start %s increment %s min %s max %s cycle %s', schemaname, sequencename,
                data_type, start_value, increment_by, min_value, max_value, cycle)
            FROM pg_sequences WHERE schemaname IN (SELECT nspname FROM user_schemas)
            UNION ALL
            SELECT format('type %I.%I kind %s labels %s', s.nspname, t.typname, t.typtype,
                (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
            FROM pg_type t JOIN user_schemas s ON s.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r', 'm')
            UNION ALL
            -- Every row of every table, as one digest per table: query_to_xml runs it without creating a function.
            SELECT format('rows %I.%I %s', nspname, relname, (xpath('/row/digest/text()', query_to_xml(
                format('SELECT count(*) || '' '' || md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) AS digest FROM %I.%I t', nspname, relname),
                false, true, '')))[1]::text)
            FROM user_tables WHERE $1::boolean OR relname NOT LIKE '%\_audit'
        ) catalog
        """;

    private const string FailedAuditRows = """
        SELECT coalesce(sum((xpath('/row/n/text()', query_to_xml(
            format('SELECT count(*) AS n FROM %I.%I WHERE outcome = ''failed''', n.nspname, c.relname), false, true, '')))[1]::text::int), 0)::int
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND c.relname LIKE '%\_audit' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        """;

    /// <param name="connectionString">The database, as a role that may read every table.</param>
    /// <param name="auditRows">False to leave out the rows of audit tables (compared by <see cref="FailedAuditRowsAsync"/> instead).</param>
    public static async Task<string> TakeAsync(string connectionString, bool auditRows = true) =>
        await ScalarAsync<string>(connectionString, Query, auditRows);

    /// <summary>How many audit rows record a failed run, in every audit table of the database.</summary>
    public static async Task<int> FailedAuditRowsAsync(string connectionString) =>
        await ScalarAsync<int>(connectionString, FailedAuditRows, true);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, bool auditRows)
    {
        // Pooling off: the fingerprint's own connection must not linger as a session the runner could see.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("$1", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = auditRows });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}

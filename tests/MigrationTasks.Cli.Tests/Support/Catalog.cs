using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// A text snapshot of the user schema from the catalog (columns, indexes, constraints), so that a
/// test can say "the schema is the same" rather than just "the tables exist".
/// </summary>
internal static class Catalog
{
    public static async Task<string> SnapshotAsync(TestDatabase database) =>
        await database.ScalarAsync<string>("""
            SELECT coalesce(string_agg(line, E'\n' ORDER BY line), '') FROM (
                SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) AS line
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'migrationtasks%'
                UNION ALL
                SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE 'migrationtasks%'
                UNION ALL
                SELECT format('constraint %s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'migrationtasks%'
            ) catalog
            """) ?? "";
}

using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// A text snapshot of the user schema from the catalog (columns, indexes, constraints, functions,
/// triggers, views and table comments; our own history tables left out), so that a
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
                UNION ALL
                SELECT format('function %s', pg_get_functiondef(oid)) FROM pg_proc
                WHERE pronamespace = 'public'::regnamespace AND proname NOT LIKE 'migrationtasks%'
                UNION ALL
                SELECT format('trigger %s', pg_get_triggerdef(t.oid)) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal AND c.relname NOT LIKE 'migrationtasks%'
                UNION ALL
                SELECT format('view %s %s', viewname, definition) FROM pg_views WHERE schemaname = 'public'
                UNION ALL
                SELECT format('comment %s %s', c.relname, d.description) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
                WHERE d.classoid = 'pg_class'::regclass AND d.objsubid = 0 AND c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'migrationtasks%'
            ) catalog
            """) ?? "";
}

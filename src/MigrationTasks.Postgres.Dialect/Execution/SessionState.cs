using MigrationTasks.Files;
using MigrationTasks.Lint;

namespace MigrationTasks.Execution;

/// <summary>
/// Whether a migration may leave state on the database session that outlives it: a SET (search_path,
/// role, session authorization, any setting), a temporary table, LISTEN, a prepared statement, a held
/// cursor, a session advisory lock. Such state would change what the next migration of the same run
/// does, so the same files would give a different schema depending on how many migrations one run
/// applies; the provider resets the session after every migration for which this says yes.
/// </summary>
/// <remarks>
/// A conservative guess, so that the common migration (DDL and plain DML) costs no extra commands:
/// `up` of many small migrations is benchmarked. Anything that can call arbitrary code (SELECT, DO,
/// CALL, WITH) or names set_config, an advisory lock or a temporary object counts as a change. A
/// user-defined function called from a plain INSERT that sets session state is not seen.
/// </remarks>
public static class SessionState
{
    // Statements that change the schema or rows only, unless their text names one of the words below.
    private static readonly string[] SchemaOrDataOnly =
    [
        "CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "MERGE", "COMMENT", "GRANT", "REVOKE", "TRUNCATE",
        "REFRESH", "ANALYZE", "VACUUM", "CLUSTER", "REINDEX", "LOCK", "SECURITY", "IMPORT", "REASSIGN",
    ];

    // Function names a schema-or-data statement may still call.
    private static readonly string[] SessionFunctions = ["set_config", "advisory"];

    public static bool MayChange(MigrationScript script)
    {
        foreach (var statement in script.Statements)
        {
            var words = new StatementWords(statement);
            if (!SchemaOrDataOnly.Any(w => words.Is(0, w))
                || (words.Is(0, "CREATE") && CreatesTemporary(words))
                || SessionFunctions.Any(f => statement.Text.Contains(f, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    // CREATE [OR REPLACE] [LOCAL | GLOBAL] {TEMP | TEMPORARY} {TABLE | VIEW | SEQUENCE} ...
    private static bool CreatesTemporary(StatementWords words)
    {
        for (var i = 1; i <= 4; i++)
        {
            if (words.Is(i, "TEMP") || words.Is(i, "TEMPORARY"))
            {
                return true;
            }
        }

        return false;
    }
}

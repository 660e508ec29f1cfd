using MigrationTasks.Diagnostics;
using MigrationTasks.Sql;

namespace MigrationTasks.Sqlite.Dialect.Sql;

/// <summary>
/// Statements SQLite cannot run as a migration writes them. These are file errors at build time, not
/// lint findings: SQLite itself would refuse them, so no waiver can let them through.
/// </summary>
internal static class SqliteStatements
{
    // https://www.sqlite.org/lang_altertable.html#otheralter, shortened to what a migration needs.
    internal const string RecreationRecipe =
        "SQLite's ALTER TABLE can only rename a table, rename, add or drop a column; recreate the table instead, in a migration with its own transaction: " +
        "PRAGMA foreign_keys = OFF; BEGIN; CREATE TABLE new_t (...the new definition...); INSERT INTO new_t (...) SELECT ... FROM t; DROP TABLE t; " +
        "ALTER TABLE new_t RENAME TO t; recreate t's indexes, triggers and views; PRAGMA foreign_key_check; COMMIT; PRAGMA foreign_keys = ON; " +
        "(see docs/sqlite.md)";

    public static void Check(IReadOnlyList<SqlStatement> statements, string path, bool transactional, List<Diagnostic> diagnostics)
    {
        foreach (var statement in statements)
        {
            var words = new StatementWords(statement);
            if (transactional && words.StartsWith("VACUUM"))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotInTransactionBlock,
                    "VACUUM cannot run inside a transaction, and this migration runs in one; add '-- migrate:no-transaction' at the top of the file (and keep VACUUM in a migration of its own)",
                    path, statement.Line, statement.Column));
            }
            else if (UnsupportedAlter(words) is { } what)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SqliteAlterUnsupported, $"SQLite cannot {what}. {RecreationRecipe}", path, statement.Line, statement.Column));
            }
            else if (transactional && IsForeignKeysPragma(words))
            {
                diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.SqlitePragmaInTransaction,
                    "PRAGMA foreign_keys has no effect inside a transaction, and this migration runs in one; write the file's own BEGIN ... COMMIT after the PRAGMA (the file then runs as written), as docs/sqlite.md shows",
                    path, statement.Line, statement.Column));
            }
        }
    }

    /// <summary><c>PRAGMA foreign_keys …</c>, also schema-qualified (<c>PRAGMA main.foreign_keys = OFF</c>), which SQLite ignores inside a transaction.</summary>
    internal static bool IsForeignKeysPragma(StatementWords words) =>
        words.StartsWith("PRAGMA") && (words[1] == "FOREIGN_KEYS" || (words[2] == "." && words[3] == "FOREIGN_KEYS"));

    /// <summary>What an ALTER TABLE asks that SQLite cannot do, or null.</summary>
    private static string? UnsupportedAlter(StatementWords words)
    {
        if (!words.StartsWith("ALTER", "TABLE"))
        {
            return null;
        }

        // ALTER TABLE [schema.]name <action>: the action follows the (possibly qualified) name.
        var action = words[3] == "." ? 5 : 3;
        return words[action] switch
        {
            "ALTER" => "alter a column (its type, default or nullability)",
            "ADD" when words[action + 1] is "CONSTRAINT" or "PRIMARY" or "UNIQUE" or "CHECK" or "FOREIGN" => "add a constraint to an existing table",
            "DROP" when words[action + 1] is "CONSTRAINT" => "drop a constraint",
            _ => null,
        };
    }
}

using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>Strings, identifiers, comments and dollar quotes that never end, and directives that are wrong.</summary>
internal static class SqlTextCases
{
    private const string File = "0030_text.sql";

    public static IEnumerable<BadInputCase> All()
    {
        yield return Text("an unterminated string", ["up"], "SELECT 1;\nSELECT 'abc;\nSELECT 2;\n", "MT1005", 2);
        yield return Text("an unterminated E'' string ending in an escaped quote", ["up"], "SELECT 1;\n\nSELECT E'it\\';\n", "MT1005", 3);
        yield return Text("an unterminated quoted identifier", ["plan"], "CREATE TABLE \"t (id int);\n", "MT1005", 1);
        yield return Text("an unterminated block comment", ["status"], "SELECT 1;\n/* note\nSELECT 2;\n", "MT1005", 2);
        yield return Text("an unclosed nested block comment", ["up"], "SELECT 1; /* outer /* inner */ still open\nSELECT 2;\n", "MT1005", 1);
        yield return Text("an unterminated $$ body", ["up"], "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\nSELECT 1;\n", "MT1005", 1);
        yield return Text("a $fn$ body closed by another tag", ["lint"], "SELECT 1;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1 $fm$;\n", "MT1005", 2);
        yield return Text("an unterminated string in a down file", ["down"], "DROP TABLE orders WHERE 'x;\n", "MT1005", 1, "0020_create_orders.down.sql");
        yield return Text("an unterminated string before baseline", ["baseline", "--version", "0020"], "SELECT 'abc;\n", "MT1005", 1) with { Fresh = true };

        yield return Text("an unknown directive", ["up"], "-- migrate:no-transactoin\nSELECT 1;\n", "MT1006", 1);
        yield return Text("an unknown directive on line 2", ["status"], "-- migrate:no-transaction\n-- migrate:fast\nSELECT 1;\n", "MT1006", 2);
        yield return Text("a lock-timeout that is not a duration", ["up"], "-- migrate:lock-timeout soon\nSELECT 1;\n", "MT1007", 1);
        yield return Text("a negative statement-timeout", ["plan"], "-- migrate:statement-timeout -5s\nSELECT 1;\n", "MT1007", 1);
        yield return Text("an allow directive without a reason", ["lint"], "-- migrate:allow drop-column\nSELECT 1;\n", "MT1007", 1);
        yield return Text("a directive after the first statement", ["up"], "SELECT 1;\n\n-- migrate:no-transaction\nSELECT 2;\n", "MT1009", 3);
        yield return Text("a directive given twice", ["up"], "-- migrate:no-transaction\n-- migrate:no-transaction\nSELECT 1;\n", "MT1010", 2);
        yield return Text("CREATE INDEX CONCURRENTLY inside a transaction", ["up"], "SELECT 1;\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n", "MT1018", 2);

        // Transaction control the runner cannot record truthfully, and data the runner cannot send: refused before connecting, in lint too.
        yield return Text("PREPARE TRANSACTION in a migration", ["up"], "CREATE TABLE two_phase (id int);\nPREPARE TRANSACTION 'deploy';\n", "MT1022", 2);
        yield return Text("PREPARE TRANSACTION in a no-transaction migration", ["lint"], "-- migrate:no-transaction\nBEGIN;\nPREPARE TRANSACTION 'deploy';\n", "MT1022", 3);
        yield return Text("COMMIT PREPARED in a no-transaction migration", ["up"], "-- migrate:no-transaction\nCOMMIT PREPARED 'someone_elses';\n", "MT1022", 2);
        yield return Text("pg_dump output with COPY FROM stdin", ["up"], "SET client_encoding = 'UTF8';\nCOPY public.users (id, email) FROM stdin;\n2\tbob@example.com\n\\.\n", "MT1023", 2);
        yield return Text("COPY FROM STDIN under lint", ["lint"], "COPY users FROM STDIN WITH (FORMAT csv);\n", "MT1023", 1);
        yield return Text("COPY TO STDOUT", ["up"], "SELECT 1;\n\nCOPY (SELECT * FROM users) TO STDOUT;\n", "MT1023", 3);
    }

    private static BadInputCase Text(string name, string[] command, string sql, string code, int line, string file = File) =>
        Of($"sql: {name} ({command[0]})", command, ws => ws.Write(file, sql), 3, code, file, line);
}

using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>Malformed migrations.yaml, unknown keys, bad values in variables and options: usage errors, exit 2.</summary>
internal static class ConfigurationCases
{
    private const string Protected = "environments:\n  production:\n    protected: true\n";

    public static IEnumerable<BadInputCase> All()
    {
        yield return Yaml("an unclosed flow sequence", ["up"], "history:\n  table: [unclosed\n", 3);
        yield return Yaml("a tab for indentation", ["status"], "lock:\n\ttimeout: 5s\n", 2);
        yield return Yaml("an unknown top-level key", ["up"], "timeout: 5min\ndirectroy: migrations\n", 2);
        yield return Yaml("an unknown nested key", ["plan"], "lock:\n  timout: 5s\n", 2);
        yield return Yaml("a word where a number belongs", ["up"], "retry:\n  attempts: many\n", 2);
        yield return Yaml("a duration that is not one", ["down"], "timeout: soon\n", 1);
        yield return Yaml("a lint severity that does not exist", ["lint"], "lint:\n  set-not-null: fatal\n", 2);
        yield return Yaml("a key given twice", ["baseline", "--version", "0020"], "timeout: 5s\ntimeout: 6s\n", 2) with { Fresh = true };
        yield return Yaml("a list where a mapping belongs", ["up"], "history:\n  - public\n", 2);
        yield return Of("config: the file named by --config does not exist (up)", ["up"],
            ws => ws.ConfigPath = Path.Combine(ws.Root, "missing.yaml"), 2, "MT4003", "missing.yaml");
        yield return Of("config: an environment that is not in the file (up)", ["up", "--environment", "prod"], ws => ws.WriteConfig(Protected), 2, "MT4005");
        yield return Of("config: a protected environment without --force (down)", ["down", "--environment", "production"], ws => ws.WriteConfig(Protected), 2, "MT4004");

        // Out of range: 0 is "no limit", the top is what a timer and PostgreSQL's millisecond settings hold.
        yield return Yaml("a timeout beyond 24 days", ["up"], "timeout: 2000000000\n", 1);
        yield return Yaml("a lock timeout beyond 24 days", ["status"], "lock:\n  timeout: 590h\n", 2);
        yield return Yaml("a default statement timeout beyond 24 days", ["up"], "defaults:\n  statement_timeout: 2000000000\n", 2);
        yield return Yaml("a retry delay beyond 24 days", ["up"], "retry:\n  initial_delay: 1s\n  max_delay: 2000000000\n", 3);
        yield return Yaml("a retry initial delay above its max delay", ["up"], "retry:\n  initial_delay: 1min\n  max_delay: 1s\n", 2);
        yield return Yaml("a second YAML document", ["up"], "timeout: 5s\n---\ntimeout: 0\n", 2);
        yield return Yaml("a second, empty YAML document", ["status"], "timeout: 5s\n...\n---\n", 3);
        yield return Variable("MIGRATION_TIMEOUT", "2000000000", ["up"]);
        yield return Variable("MIGRATION_LOCK_TIMEOUT", "2147484", ["up"]);
        yield return Option("--timeout -1", ["up", "--timeout", "-1"]);
        yield return Option("--timeout 2000000000", ["up", "--timeout", "2000000000"]);
        yield return Option("--lock-timeout -1", ["status", "--lock-timeout", "-1"]);
        yield return Option("--lock-timeout 2000000000", ["up", "--lock-timeout", "2000000000"]);

        // Names PostgreSQL would truncate (63 bytes) or schemas it reserves: refused before connecting.
        yield return Yaml("a history table name over 45 bytes", ["up"], $"history:\n  table: {new string('h', 46)}\n", 2);
        yield return Yaml("a history table name of 23 two-byte letters", ["up"], $"history:\n  table: {new string('é', 23)}\n", 2);
        yield return Yaml("a history schema name over 63 bytes", ["status"], $"history:\n  schema: {new string('s', 64)}\n", 2);
        yield return Yaml("history.schema: pg_temp", ["up"], "history:\n  schema: pg_temp\n", 2);
        yield return Yaml("history.schema: pg_temp_3", ["up"], "history:\n  schema: pg_temp_3\n", 2);
        yield return Yaml("history.schema: pg_catalog", ["status"], "history:\n  schema: pg_catalog\n", 2);
        yield return Yaml("history.schema: information_schema", ["up"], "history:\n  schema: information_schema\n", 2);
        yield return Yaml("an empty history table name", ["up"], "history:\n  table: ''\n", 2);

        // A folder where a file belongs and the other way round: said as such, not "does not exist".
        yield return Of("config: --config names a folder (up)", ["up"], ws => ws.ConfigPath = ws.Root, 2, "MT4003");
        yield return Of("option: --dir names a file (up)", ["up"], ws =>
        {
            Directory.Delete(ws.Dir, recursive: true);
            File.WriteAllText(ws.Dir, "CREATE TABLE t (id int);\n");
        }, 3, "MT1000", "migrations");

        yield return Variable("MIGRATION_TIMEOUT", "soon", ["up"]);
        yield return Variable("MIGRATION_DRY_RUN", "ture", ["up"]);
        yield return Variable("MIGRATION_LOCK_TIMEOUT", "-5", ["status"]);
        yield return Variable("DISABLE_DB_MIGRATIONS", "maybe", ["up"]);
        yield return Of("option: an unknown option (up)", ["up", "--dri", "x"], _ => { }, 2, "MT4002");
        yield return Of("option: a --target that is not a version (up)", ["up", "--target", "latest"], _ => { }, 2, "MT4002");
        yield return Of("option: --steps 0 (down)", ["down", "--steps", "0"], _ => { }, 2, "MT4002");
    }

    private static BadInputCase Yaml(string name, string[] command, string yaml, int line) =>
        Of($"config: {name} ({command[0]})", command, ws => ws.WriteConfig(yaml), 2, "MT4003", "migrations.yaml", line);

    private static BadInputCase Option(string name, string[] command) => Of($"option: {name} ({command[0]})", command, _ => { }, 2, "MT4002");

    private static BadInputCase Variable(string name, string value, string[] command) =>
        Of($"variable: {name}={value} ({command[0]})", command, ws => ws.Environment[name] = value, 2, "MT4002");
}

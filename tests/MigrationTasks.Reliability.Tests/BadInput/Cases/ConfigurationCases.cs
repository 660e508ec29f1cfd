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

    private static BadInputCase Variable(string name, string value, string[] command) =>
        Of($"variable: {name}={value} ({command[0]})", command, ws => ws.Environment[name] = value, 2, "MT4002");
}

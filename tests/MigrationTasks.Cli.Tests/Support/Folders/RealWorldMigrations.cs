namespace MigrationTasks.Cli.Tests.Support.Folders;

/// <summary>How a migration of the fixtures wants to run.</summary>
internal enum FixtureShape
{
    /// <summary>Ordinary statements: the tool wraps them in a transaction.</summary>
    InTransaction,

    /// <summary>The file holds its own BEGIN ... COMMIT.</summary>
    OwnTransaction,

    /// <summary>One CREATE (or DROP) INDEX CONCURRENTLY, which cannot run in a transaction.</summary>
    Concurrently,
}

/// <summary>One migration of a fixture: its name, its up statements and down SQL, and how it wants to run.</summary>
internal sealed record FixtureMigration(int Index, string Name, IReadOnlyList<string> UpStatements, string Down, FixtureShape Shape)
{
    /// <summary>The up statements as a file holds them, one after the other.</summary>
    public string Up => string.Concat(UpStatements.Select(s => s + "\n"));
}

/// <summary>
/// The migrations of the large adoption fixtures, shaped like real services' folders (written here,
/// copied from none): nine kinds in turn over a table per nine migrations, with hyphens and dots in
/// names, empty and comment-only downs, plpgsql bodies with ';' inside, rules broken long ago under
/// <c>-- atlas:nolint</c> waivers, files with their own BEGIN/COMMIT and single-statement
/// CREATE INDEX CONCURRENTLY files. Each layout's folder renders them in its own format.
/// </summary>
internal static class RealWorldMigrations
{
    private const int Kinds = 9;

    /// <param name="transactionalOnly">
    /// For tools that run every migration in a transaction they open (Drizzle, node-pg-migrate SQL files):
    /// their users write neither BEGIN/COMMIT nor CONCURRENTLY, so those two kinds become plain ones.
    /// </param>
    public static IEnumerable<FixtureMigration> Create(int count, bool transactionalOnly = false)
    {
        for (var i = 0; i < count; i++)
        {
            var table = $"t{i / Kinds * Kinds}";
            yield return (i % Kinds) switch
            {
                0 => new(i, $"create-table_{table}", [$"CREATE TABLE {table} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    name text NOT NULL,\n    legacy text,\n    created_at timestamptz NOT NULL DEFAULT now()\n);"],
                    $"DROP TABLE {table};\n", FixtureShape.InTransaction),
                1 => new(i, $"add.note_v{i}.0", [$"ALTER TABLE {table} ADD COLUMN note text;"], $"ALTER TABLE {table} DROP COLUMN note;\n", FixtureShape.InTransaction),
                2 => new(i, $"trim-names-trigger_{table}", [$"""
                    CREATE FUNCTION trim_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        NEW.name := trim(NEW.name); -- a ';' inside the body
                        RETURN NEW;
                    END;
                    $$;
                    """, $"CREATE TRIGGER trim_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION trim_{table}();"], $"DROP TRIGGER trim_{table} ON {table};\nDROP FUNCTION trim_{table}();\n", FixtureShape.InTransaction),
                3 => new(i, $"seed_{table}", [$"INSERT INTO {table} (name) VALUES ('  padded  '), ('semi;colon');"], "", FixtureShape.InTransaction),
                4 => new(i, $"document.{table}", [$"COMMENT ON TABLE {table} IS 'owned by the orders team; see docs/{table}.md';"],
                    "-- nothing to undo: the comment goes with the table\n", FixtureShape.InTransaction),
                5 => new(i, $"index-{table}-name", [$"CREATE INDEX {table}_name ON {table} (name);"], $"DROP INDEX {table}_name;\n", FixtureShape.InTransaction),
                6 => new(i, $"drop-legacy_{table}", [$"-- atlas:nolint DS103\nALTER TABLE {table} DROP COLUMN legacy;"], $"ALTER TABLE {table} ADD COLUMN legacy text;\n", FixtureShape.InTransaction),
                7 when transactionalOnly => new(i, $"backfill-status_{table}", [$"ALTER TABLE {table} ADD COLUMN status text;", $"UPDATE {table} SET status = 'active' WHERE status IS NULL;"],
                    $"ALTER TABLE {table} DROP COLUMN status;\n", FixtureShape.InTransaction),
                7 => new(i, $"backfill-status_{table}", ["BEGIN;", $"ALTER TABLE {table} ADD COLUMN status text;", $"UPDATE {table} SET status = 'active' WHERE status IS NULL;", "COMMIT;"],
                    $"BEGIN;\nALTER TABLE {table} DROP COLUMN status;\nCOMMIT;\n", FixtureShape.OwnTransaction),
                _ when transactionalOnly => new(i, $"index_{table}.created-at", [$"CREATE INDEX {table}_created_at ON {table} (created_at);"], $"DROP INDEX {table}_created_at;\n", FixtureShape.InTransaction),
                _ => new(i, $"index_{table}.created-at", [$"CREATE INDEX CONCURRENTLY {table}_created_at ON {table} (created_at);"], $"DROP INDEX CONCURRENTLY {table}_created_at;\n", FixtureShape.Concurrently),
            };
        }
    }

    /// <summary>A UTC timestamp version, 31 hours apart per migration, as migration generators write them.</summary>
    public static string TimestampOf(FixtureMigration migration) =>
        new DateTime(2019, 3, 4, 9, 0, 0, DateTimeKind.Utc).AddHours(migration.Index * 31).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
}

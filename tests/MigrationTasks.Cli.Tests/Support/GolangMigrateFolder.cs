using System.Globalization;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// A folder shaped like the golang-migrate folders of real services (written here, copied from none):
/// timestamp versions, hyphens and dots in names, an up and a down file per migration, empty and
/// comment-only down files, plpgsql bodies with ';' inside, rules broken in production long ago, and
/// <c>-- atlas:nolint</c> waivers, files with their own BEGIN/COMMIT, and single-statement
/// CREATE INDEX CONCURRENTLY files (and DROP INDEX CONCURRENTLY down files) without any directive.
/// </summary>
internal static class GolangMigrateFolder
{
    private const int Kinds = 9;

    /// <summary>Writes <paramref name="migrations"/> migrations (twice as many files); returns the folder and the last version.</summary>
    public static (Migrations Folder, string LastVersion) Create(int migrations)
    {
        var folder = new Migrations();
        var start = new DateTime(2019, 3, 4, 9, 0, 0, DateTimeKind.Utc);
        var version = "";
        for (var i = 0; i < migrations; i++)
        {
            version = start.AddHours(i * 31).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var table = $"t{i / Kinds * Kinds}";
            var (name, up, down) = (i % Kinds) switch
            {
                0 => ($"create-table_{table}", $"CREATE TABLE {table} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    name text NOT NULL,\n    legacy text,\n    created_at timestamptz NOT NULL DEFAULT now()\n);\n",
                    $"DROP TABLE {table};\n"),
                1 => ($"add.note_v{i}.0", $"ALTER TABLE {table} ADD COLUMN note text;\n", $"ALTER TABLE {table} DROP COLUMN note;\n"),
                2 => ($"trim-names-trigger_{table}", $"""
                    CREATE FUNCTION trim_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        NEW.name := trim(NEW.name); -- a ';' inside the body
                        RETURN NEW;
                    END;
                    $$;
                    CREATE TRIGGER trim_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION trim_{table}();

                    """, $"DROP TRIGGER trim_{table} ON {table};\nDROP FUNCTION trim_{table}();\n"),
                3 => ($"seed_{table}", $"INSERT INTO {table} (name) VALUES ('  padded  '), ('semi;colon');\n", ""),
                4 => ($"document.{table}", $"COMMENT ON TABLE {table} IS 'owned by the orders team; see docs/{table}.md';\n", "-- nothing to undo: the comment goes with the table\n"),
                5 => ($"index-{table}-name", $"CREATE INDEX {table}_name ON {table} (name);\n", $"DROP INDEX {table}_name;\n"),
                6 => ($"drop-legacy_{table}", $"-- atlas:nolint DS103\nALTER TABLE {table} DROP COLUMN legacy;\n", $"ALTER TABLE {table} ADD COLUMN legacy text;\n"),
                7 => ($"backfill-status_{table}", $"BEGIN;\nALTER TABLE {table} ADD COLUMN status text;\nUPDATE {table} SET status = 'active' WHERE status IS NULL;\nCOMMIT;\n",
                    $"BEGIN;\nALTER TABLE {table} DROP COLUMN status;\nCOMMIT;\n"),
                _ => ($"index_{table}.created-at", $"CREATE INDEX CONCURRENTLY {table}_created_at ON {table} (created_at);\n", $"DROP INDEX CONCURRENTLY {table}_created_at;\n"),
            };
            folder.Add($"{version}_{name}.up.sql", up).Add($"{version}_{name}.down.sql", down);
        }

        return (folder, version);
    }

    /// <summary>golang-migrate's own algorithm: each up file, in version order, sent whole as one query.</summary>
    public static IEnumerable<string> UpFilesInOrder(Migrations folder) =>
        Directory.EnumerateFiles(folder.Path, "*.up.sql").Order(StringComparer.Ordinal).Select(File.ReadAllText);
}

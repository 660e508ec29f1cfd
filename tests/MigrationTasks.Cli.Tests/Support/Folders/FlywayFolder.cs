using System.Globalization;
using System.Text.RegularExpressions;

namespace MigrationTasks.Cli.Tests.Support.Folders;

/// <summary>
/// A Flyway folder of the <see cref="RealWorldMigrations"/>: <c>V&lt;major&gt;[.|_&lt;minor&gt;]__&lt;description&gt;.sql</c>
/// per migration (nine minors per major, the '_' spelling on some), a <c>U…</c> undo file for each,
/// <c>executeInTransaction=false</c> in a <c>.sql.conf</c> beside the BEGIN/COMMIT files (Flyway finds
/// CONCURRENTLY on its own), and <c>R__</c> repeatable plpgsql functions over the tables.
/// </summary>
internal static partial class FlywayFolder
{
    public static Migrations Create(int migrations)
    {
        var folder = new Migrations();
        foreach (var migration in RealWorldMigrations.Create(migrations))
        {
            var (major, minor) = (migration.Index / 9 + 1, migration.Index % 9);
            var version = minor == 0 ? $"{major}" : $"{major}{(minor % 3 == 0 ? '_' : '.')}{minor}";
            var script = $"V{version}__{migration.Name}.sql";
            folder.Add(script, migration.Up).Add($"U{version}__{migration.Name}.sql", migration.Down);
            if (migration.Shape == FixtureShape.OwnTransaction)
            {
                folder.Add(script + ".conf", "executeInTransaction=false\n");
            }

            if (minor == 0)
            {
                folder.Add($"R__counts.{migration.Name}.sql", Repeatable($"t{migration.Index}", "count(*)"));
            }
        }

        return folder;
    }

    /// <summary>A repeatable migration's text; a body that differs changes its checksum, so Flyway (and we) run it again.</summary>
    public static string Repeatable(string table, string expression) => $"""
        -- Repeatable: Flyway re-runs this file whenever its checksum changes.
        CREATE OR REPLACE FUNCTION count_{table}() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
        BEGIN
            RETURN (SELECT {expression} FROM {table}); -- plpgsql: no dependency, so the table can go
        END;
        $$;

        """;

    /// <summary>
    /// Flyway's own algorithm (flyway-core DbMigrate): the versioned scripts in version order, then the
    /// repeatables by description; each in a transaction, unless its <c>.sql.conf</c> says
    /// executeInTransaction=false or it holds a statement PostgreSQL refuses in one (CONCURRENTLY).
    /// Names and versions are read here with a regular expression of our own.
    /// </summary>
    public static async Task ApplyAsFlywayDoesAsync(Migrations folder, Testing.TestDatabase database)
    {
        var versioned = Directory.EnumerateFiles(folder.Path, "V*.sql")
            .OrderBy(f => VersionOf(Path.GetFileName(f)), Comparer<decimal[]>.Create((a, b) => a.Zip(b).Select(p => p.First.CompareTo(p.Second)).FirstOrDefault(c => c != 0, a.Length.CompareTo(b.Length))));
        var repeatable = Directory.EnumerateFiles(folder.Path, "R__*.sql").Order(StringComparer.Ordinal);
        foreach (var script in versioned.Concat(repeatable))
        {
            await ApplyScriptAsync(script, database);
        }
    }

    /// <summary>One script as Flyway runs it (also a repeatable that changed).</summary>
    public static Task ApplyScriptAsync(string script, Testing.TestDatabase database)
    {
        var text = File.ReadAllText(script);
        var outside = text.Contains("CONCURRENTLY", StringComparison.Ordinal)
            || (File.Exists(script + ".conf") && File.ReadAllText(script + ".conf").Contains("executeInTransaction=false", StringComparison.Ordinal));
        return outside ? Psql.RunAsync(database, text) : Psql.RunInTransactionAsync(database, text);
    }

    private static decimal[] VersionOf(string fileName) =>
        [.. FlywayVersion().Match(fileName).Groups["version"].Value.Split('.', '_').Select(p => decimal.Parse(p, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"^V(?<version>[0-9._]+?)__")]
    private static partial Regex FlywayVersion();
}

using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Layouts;

/// <summary>Reads the parts another tool's layout found into scripts, the same way from a folder and from a bundle.</summary>
public static class ForeignScripts
{
    public static MigrationSet Read(
        MigrationLayout layout, IReadOnlyList<ForeignMigration> found, List<Diagnostic> diagnostics,
        IReadOnlyDictionary<string, DiagnosticSeverity?>? lintSeverities, bool lint, int maxParallelism)
    {
        var ups = new MigrationScript?[found.Count];
        var downs = new MigrationScript?[found.Count];
        var perMigration = new List<Diagnostic>[found.Count];
        Parallel.For(0, found.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
        {
            perMigration[i] = [];
            ups[i] = Script(found[i].Up, layout, perMigration[i], lintSeverities, lint);
            downs[i] = found[i].Down is { } down ? Script(down, layout, perMigration[i], lintSeverities, lint) : null;
        });

        var migrations = new List<Migration>();
        var versions = new Dictionary<MigrationVersion, string>();
        var repeatables = new List<Migration>();
        for (var i = 0; i < found.Count; i++)
        {
            diagnostics.AddRange(perMigration[i]);
            var entry = found[i];
            if (!entry.Repeatable && !versions.TryAdd(entry.Version, entry.Up.Path))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateVersion,
                    $"version {entry.VersionText} is used by both '{Path.GetFileName(versions[entry.Version])}' and '{Path.GetFileName(entry.Up.Path)}'; give one of them a new version",
                    entry.Up.Path));
                continue;
            }

            if (ups[i] is { } up && (entry.Down is null || downs[i] is not null))
            {
                var migration = new Migration(entry.Version, entry.VersionText, entry.Name, up, downs[i]) { Repeatable = entry.Repeatable };
                (entry.Repeatable ? repeatables : migrations).Add(migration);
            }
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        // Flyway runs repeatables after the versioned ones, in the order of their descriptions.
        repeatables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new MigrationSet([.. migrations, .. repeatables], diagnostics);
    }

    private static MigrationScript? Script(
        ScriptPart part, MigrationLayout layout, List<Diagnostic> diagnostics, IReadOnlyDictionary<string, DiagnosticSeverity?>? lintSeverities, bool lint) =>
        ScriptReader.ReadText(part.Path, part.Text, diagnostics, lintSeverities, lint, layout, part.IsDown, part.NoTransactionBy);
}

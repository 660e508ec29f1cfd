using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Files;

namespace MigrationTasks.Layouts;

/// <summary>Reads the parts another tool's layout found into scripts, the same way from a folder and from a bundle.</summary>
public static class ForeignScripts
{
    public static MigrationSet Read(
        IMigrationDialect dialect, MigrationLayout layout, IReadOnlyList<ForeignMigration> found, List<Diagnostic> diagnostics, int maxParallelism)
    {
        var ups = new MigrationScript?[found.Count];
        var downs = new MigrationScript?[found.Count];
        var upProblems = new List<Diagnostic>[found.Count];
        var downProblems = new List<Diagnostic>[found.Count];
        ReaderThreads.For(found.Count, maxParallelism, i =>
        {
            (upProblems[i], downProblems[i]) = ([], []);
            ups[i] = Script(dialect, found[i].Up, layout, upProblems[i]);
            downs[i] = found[i].Down is { } down ? Script(dialect, down, layout, downProblems[i]) : null;
        }, CancellationToken.None);

        var migrations = new List<Migration>();
        var versions = new Dictionary<MigrationVersion, string>();
        var repeatables = new List<Migration>();
        var read = new List<ReadScript>();
        for (var i = 0; i < found.Count; i++)
        {
            Add(ups[i], upProblems[i], diagnostics, read);
            Add(downs[i], downProblems[i], diagnostics, read);
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
        return new MigrationSet([.. migrations, .. repeatables], diagnostics) { Scripts = read };
    }

    // A script's lint findings are reported right after its own problems, as for our layout.
    private static void Add(MigrationScript? script, List<Diagnostic> problems, List<Diagnostic> diagnostics, List<ReadScript> read)
    {
        diagnostics.AddRange(problems);
        if (script is not null)
        {
            read.Add(new ReadScript(script, diagnostics.Count));
        }
    }

    private static MigrationScript? Script(IMigrationDialect dialect, ScriptPart part, MigrationLayout layout, List<Diagnostic> diagnostics) =>
        ScriptReader.ReadText(dialect, part.Path, part.Text, diagnostics, layout, part.IsDown, part.NoTransactionBy);
}

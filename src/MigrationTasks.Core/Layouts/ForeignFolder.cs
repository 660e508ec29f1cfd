using System.Text.RegularExpressions;
using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Layouts;

/// <summary>
/// Finds the migrations of a folder in another tool's layout (dbmate, node-pg-migrate, Flyway,
/// Drizzle), as that tool would: its names, its markers, its journal. Every .sql file must be one of
/// them, as in our layout: a file the tool would not run is an error, never silently skipped.
/// </summary>
public static partial class ForeignFolder
{
    [GeneratedRegex(@"^(?<version>\d+)_(?<name>.+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedName();

    /// <param name="directory">The folder, for Drizzle's journal; null when the files came without one.</param>
    public static IReadOnlyList<ForeignMigration> Find(
        MigrationLayout layout, string? directory, IReadOnlyList<string> paths, Func<string, ReadOnlyMemory<byte>> read, List<Diagnostic> diagnostics) =>
        layout switch
        {
            MigrationLayout.Drizzle => FindDrizzle(directory, paths, read, diagnostics),
            MigrationLayout.Flyway => FindFlyway(paths, read, diagnostics),
            _ => FindSectioned(layout, paths, read, diagnostics),
        };

    private static List<ForeignMigration> FindSectioned(MigrationLayout layout, IReadOnlyList<string> paths, Func<string, ReadOnlyMemory<byte>> read, List<Diagnostic> diagnostics)
    {
        var (marker, example) = layout == MigrationLayout.Dbmate
            ? (LayoutText.DbmateMarker(), "-- migrate:up")
            : (LayoutText.NodePgMigrateMarker(), "-- Up Migration");
        var found = new List<ForeignMigration>();
        string? firstOfLayout = null;
        foreach (var path in paths)
        {
            var fileName = Path.GetFileName(path);
            if (NumberedName().Match(fileName) is not { Success: true } name || !MigrationVersion.TryParse(name.Groups["version"].Value, out var version))
            {
                diagnostics.Add(Invalid(path, layout, $"its name is not <version>_<name>.sql with a numeric version, so {MigrationLayouts.NameOf(layout)} would not run it"));
                continue;
            }

            if (Decode(path, read, diagnostics) is not { } text)
            {
                continue;
            }

            if (LayoutDetector.ByMarkers(text) is var style && style != layout && firstOfLayout is not null)
            {
                diagnostics.Add(LayoutDetector.Mixed(layout, firstOfLayout, style, path));
                continue;
            }

            var (up, down, problem, line) = SectionedFile.Split(path, text, marker, example, statementsBeforeUp: layout != MigrationLayout.Dbmate);
            if (problem is not null)
            {
                diagnostics.Add(Invalid(path, layout, problem) with { Line = line });
                continue;
            }

            firstOfLayout ??= path;
            found.Add(new ForeignMigration(version, name.Groups["version"].Value, name.Groups["name"].Value, up!, down));
        }

        return found;
    }

    private static List<ForeignMigration> FindFlyway(IReadOnlyList<string> paths, Func<string, ReadOnlyMemory<byte>> read, List<Diagnostic> diagnostics)
    {
        var versioned = new List<(FlywayFileName Name, string Path)>();
        var undo = new Dictionary<MigrationVersion, (FlywayFileName Name, string Path)>();
        var found = new List<ForeignMigration>();
        foreach (var path in paths)
        {
            if (!FlywayFileName.TryParse(Path.GetFileName(path), out var name, out var problem))
            {
                diagnostics.Add(Invalid(path, MigrationLayout.Flyway, problem!));
            }
            else if (name!.IsUndo)
            {
                undo[name.Version] = (name, path);
            }
            else if (name.IsRepeatable)
            {
                if (Decode(path, read, diagnostics) is { } text)
                {
                    var place = FlywayRepeatable.VersionOf(name.Description);
                    found.Add(new ForeignMigration(place, "R", name.Description, FlywayPart(path, text, false), null) { Repeatable = true });
                }
            }
            else
            {
                versioned.Add((name, path));
            }
        }

        versioned.Sort((a, b) => a.Name.Version.CompareTo(b.Name.Version));
        for (var i = 1; i < versioned.Count; i++)
        {
            // The history table orders versions as numbers (1.10 = 1.1 < 1.2); Flyway orders part by part (1.2 < 1.10).
            if (FlywayFileName.CompareAsFlyway(versioned[i - 1].Name.VersionText, versioned[i].Name.VersionText) >= 0)
            {
                diagnostics.Add(Invalid(versioned[i].Path, MigrationLayout.Flyway,
                    $"its version {versioned[i].Name.VersionText} and the version {versioned[i - 1].Name.VersionText} of '{Path.GetFileName(versioned[i - 1].Path)}' are the same number or order differently as numbers than in Flyway, which MigrationTasks cannot follow yet"));
            }
        }

        foreach (var (name, path) in versioned)
        {
            if (Decode(path, read, diagnostics) is not { } text)
            {
                continue;
            }

            ScriptPart? down = null;
            if (undo.Remove(name.Version, out var undoFile) && Decode(undoFile.Path, read, diagnostics) is { } undoText)
            {
                down = FlywayPart(undoFile.Path, undoText, isDown: true);
            }

            found.Add(new ForeignMigration(name.Version, name.VersionText, name.Description, FlywayPart(path, text, false), down));
        }

        foreach (var (_, path) in undo.Values)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DownWithoutUp,
                $"'{Path.GetFileName(path)}' undoes a version that has no V file; add the V file or remove the undo file", path));
        }

        return found;
    }

    private static ScriptPart FlywayPart(string path, string text, bool isDown) =>
        new(path, text, isDown) { NoTransactionBy = FlywayScriptConfig.NoTransactionBy(path) };
}

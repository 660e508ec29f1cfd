using MigrationTasks.Files;

namespace MigrationTasks.Import;

/// <summary>A local migration the other tool applied, with the time it recorded (null when it records none).</summary>
public sealed record ImportedMigration(Migration Migration, DateTimeOffset? AppliedAt);

/// <summary>
/// How another tool's history lines up with the local files: what it applied (matched), what it
/// recorded that no unchanged local file is (unmatched), and what it never ran (local only: pending).
/// </summary>
public sealed record ImportPlan(IReadOnlyList<ImportedMigration> Matched, IReadOnlyList<string> Unmatched, IReadOnlyList<Migration> LocalOnly)
{
    /// <summary>Matches the rows to the files: by version, and by the tool's own checksum where it keeps one (Flyway, Drizzle).</summary>
    /// <param name="read">The bytes of a local file as on disk, for the tools whose checksum is not ours.</param>
    public static ImportPlan Match(MigrationSet set, ForeignHistory history, Func<string, byte[]> read)
    {
        var matched = new List<ImportedMigration>();
        // Files a row names but that differ from what ran: unmatched, and not "never run" (local only) either.
        var differing = new HashSet<Migration>();
        var unmatched = new List<string>(history.Unreadable);
        var versioned = set.Migrations.Where(m => !m.Repeatable).ToDictionary(m => m.Version);
        if (history.AppliedThrough is { } through)
        {
            matched.AddRange(versioned.Values.Where(m => m.Version <= through).Select(m => new ImportedMigration(m, null)));
            // golang-migrate's version is the last file it ran, so it must be here. Flyway's baseline
            // version usually has no file: 'flyway baseline' (baselineVersion 1 by default) marks a schema
            // made before Flyway, and the scripts start above it.
            if (!versioned.ContainsKey(through) && history.Tool != ImportTool.Flyway)
            {
                unmatched.Add($"version {through} (the version {ImportTools.NameOf(history.Tool)} reached) has no local file");
            }
        }

        foreach (var row in history.Rows)
        {
            // Only Flyway records rows without a version (its repeatables); another tool's row without one
            // (a node-pg-migrate migration whose name has no leading digits) matches no file of ours.
            var repeatable = row.Version is null && history.Tool == ImportTool.Flyway;
            var local = row.Version is { } version
                ? versioned.GetValueOrDefault(version)
                : set.Migrations.FirstOrDefault(m => repeatable && m.Repeatable && m.Name.Replace(' ', '_') == row.Name);
            var label = repeatable ? $"R__{row.Name}" : row.FileName ?? $"{row.Version} {row.Name}".TrimEnd();
            if (local is null)
            {
                // A repeatable whose file is gone is simply no longer run, as in Flyway.
                if (!repeatable)
                {
                    unmatched.Add(row.Version is null ? $"{label}: no local file has this name (its name has no leading version digits)" : $"{label}: no local file has this version");
                }
            }
            else if (row.FileName is { } fileName && !string.Equals(fileName, $"{local.VersionText}_{local.Name}", StringComparison.Ordinal))
            {
                // The tool knows a migration by its file name: a renamed or replaced file is not the one that ran.
                unmatched.Add($"{label}: no local file has this name ('{Path.GetFileName(local.Path)}' has its version, and {ImportTools.NameOf(history.Tool)} matches by name)");
            }
            else if (row.Checksum is { } recorded && !ChecksumMatches(history.Tool, recorded, read(local.Path)))
            {
                // A changed repeatable re-runs (Flyway's rule); a changed versioned file is not the one that ran.
                if (!local.Repeatable)
                {
                    differing.Add(local);
                    unmatched.Add($"{label}: '{Path.GetFileName(local.Path)}' differs from what {ImportTools.NameOf(history.Tool)} applied (its checksum {recorded})");
                }
            }
            else if (!matched.Any(m => m.Migration == local))
            {
                matched.Add(new ImportedMigration(local, row.AppliedAt));
            }
        }

        var done = matched.Select(m => m.Migration).Concat(differing).ToHashSet();
        return new ImportPlan([.. matched.OrderBy(m => m.Migration.Repeatable).ThenBy(m => m.Migration.Version)], unmatched,
            [.. set.Migrations.Where(m => !done.Contains(m))]);
    }

    /// <summary>
    /// Local-only migrations below the highest matched version (the tool ran it and skipped them, as dbmate
    /// and Flyway's outOfOrder do): the next <c>up</c> refuses them as out of order (MT2003) unless they
    /// carry <c>-- migrate:allow-out-of-order</c>, so the report must not call them simply pending.
    /// </summary>
    public IReadOnlyList<Migration> OutOfOrder()
    {
        var applied = Matched.Where(m => !m.Migration.Repeatable).Select(m => m.Migration.Version).ToList();
        return applied.Count == 0 ? [] : [.. LocalOnly.Where(m => !m.Repeatable && m.Version < applied.Max() && !m.Up.Directives.AllowOutOfOrder)];
    }

    private static bool ChecksumMatches(ImportTool tool, string recorded, byte[] file) => tool switch
    {
        ImportTool.Flyway => string.Equals(recorded, ForeignChecksums.Flyway(file).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
        ImportTool.Drizzle => ForeignChecksums.DrizzleMatches(recorded, file),
        _ => throw new InvalidOperationException($"{tool} keeps no checksum"),
    };
}

using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Planning;

/// <summary>
/// Chooses the applied migrations to revert: the latest <c>steps</c>, or all above a target. Every
/// problem is found before anything runs (a missing down file, an edited migration, a failed row),
/// because a revert that stops halfway leaves a schema no file describes.
/// </summary>
public static class DownPlanner
{
    /// <param name="target">Revert everything applied above this version (it stays applied); 0 reverts everything, a version 0 included.</param>
    public static DownPlan Create(IReadOnlyList<Migration> migrations, IReadOnlyList<HistoryEntry> history, int steps, MigrationVersion? target)
    {
        var problems = new List<Diagnostic>();
        var files = migrations.ToDictionary(m => m.Version);
        foreach (var failed in history.Where(h => h.Status == HistoryStatus.Failed))
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.FailedMigration,
                $"migration {VersionSpelling.Of(failed.Version, migrations)}_{failed.Name} failed outside a transaction and may be half-applied; fix the database, run {NextStep.Repair}, then revert"));
        }

        var zero = MigrationVersion.Parse("0");
        if (target is { } t && t != zero && !history.Any(h => h.Version == t))
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.UnknownTarget,
                $"the {SettingNames.TargetVersion} {t} is not applied; pass the version of an applied migration to revert everything above it, or 0 to revert everything") with { Setting = SettingNames.TargetVersion });
            return new DownPlan([], problems);
        }

        // Repeatable migrations (rows below zero) have no down: Flyway never undoes them either.
        var applied = history.Where(h => h.Status == HistoryStatus.Applied && !h.Version.IsNegative).OrderByDescending(h => h.Version).ToList();
        var spelled = applied.Select(h => VersionSpelling.Of(h.Version, migrations)).Reverse().ToList();
        // 0 means everything, a migration numbered 0 included: it is the one documented way to revert them all.
        var chosen = target is { } above ? applied.Where(h => h.Version > above || above == zero).ToList() : applied.Take(steps).ToList();
        var toRevert = new List<Migration>(chosen.Count);
        var missingDowns = new List<string>();
        foreach (var row in chosen)
        {
            if (!files.TryGetValue(row.Version, out var migration))
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.MissingFile,
                    $"migration {VersionSpelling.Of(row.Version, migrations)}_{row.Name} is applied but its file is missing, so it cannot be reverted; restore the file"));
                continue;
            }

            if (!string.Equals(row.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.ChecksumMismatch,
                    $"migration {migration.DisplayName} was changed after it was applied, so its down file may not undo what ran; restore the applied text first",
                    migration.Path));
            }

            if (migration.Down is null)
            {
                missingDowns.Add($"{migration.DisplayName}.down.sql");
            }

            toRevert.Add(migration);
        }

        if (missingDowns.Count > 0)
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.DownScriptMissing,
                $"cannot revert: {missingDowns.Count} migration(s) have no down file: {string.Join(", ", missingDowns)}. Nothing was changed; write the missing down file(s) or revert fewer steps"));
        }

        return new DownPlan(toRevert, problems) { Applied = spelled };
    }
}

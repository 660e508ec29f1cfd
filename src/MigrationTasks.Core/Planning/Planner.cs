using MigrationTasks.Checksums;
using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Planning;

/// <summary>
/// Compares migration files with the history table. Anything that would make the database differ
/// from what the files say (an edited or deleted applied migration, a file merged late below the
/// highest applied version, a half-applied migration) blocks the run with a diagnostic.
/// </summary>
public static class Planner
{
    /// <param name="resume">Resume a failed no-transaction migration from its failed statement when the statements before it are unchanged.</param>
    /// <param name="steps">At most this many of the pending migrations, the first in order (<c>up --steps</c>); the rest stay pending, as those above a target do. Null for all.</param>
    public static Plan Create(IReadOnlyList<Migration> migrations, IReadOnlyList<HistoryEntry> history, MigrationVersion? target = null, bool resume = false, int? steps = null)
    {
        ResumePoint? resumePoint = null;
        var problems = new List<Diagnostic>();
        var entries = new List<PlanEntry>();
        var pending = new List<Migration>();
        var byVersion = history.ToDictionary(h => h.Version);
        var files = migrations.ToDictionary(m => m.Version);
        // Repeatable migrations keep their rows below zero (Layouts/FlywayRepeatable): they never order the versioned ones.
        var versioned = history.Where(h => !h.Version.IsNegative).ToList();
        MigrationVersion? highestApplied = versioned.Count == 0 ? null : versioned.Max(h => h.Version);

        if (target is { } t && !files.ContainsKey(t) && !byVersion.ContainsKey(t))
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.UnknownTarget,
                $"the {SettingNames.TargetVersion} {t} matches no migration file; pass the version of an existing migration") with { Setting = SettingNames.TargetVersion });
        }

        foreach (var row in history.Where(h => !files.ContainsKey(h.Version)))
        {
            var state = row.Status == HistoryStatus.Failed ? MigrationState.Failed : MigrationState.MissingFile;
            entries.Add(new PlanEntry(row.Version, row.Name, state, null, row) { VersionText = VersionSpelling.Of(row.Version, migrations) });
            problems.Add(row.Status == HistoryStatus.Failed
                ? FailedProblem(row, VersionSpelling.Of(row.Version, migrations), migration: null)
                : Diagnostic.Error(DiagnosticCodes.MissingFile,
                    $"migration {VersionSpelling.Of(row.Version, migrations)}_{row.Name} is recorded as applied but its file is missing; restore the file (applied migrations must stay in the folder)"));
        }

        foreach (var migration in migrations)
        {
            if (byVersion.TryGetValue(migration.Version, out var row))
            {
                if (resume && row.Status == HistoryStatus.Failed)
                {
                    entries.Add(new PlanEntry(migration.Version, migration.Name, MigrationState.Failed, migration, row));
                    if (TryResume(migration, row, problems) is { } point)
                    {
                        resumePoint = point;
                        pending.Add(migration);
                    }

                    continue;
                }

                if (migration.Repeatable && row.Status == HistoryStatus.Applied && row.Checksum != migration.Checksum)
                {
                    // Flyway's rule: a repeatable migration whose text changed runs again, after the versioned ones.
                    entries.Add(new PlanEntry(migration.Version, migration.Name, MigrationState.Pending, migration, row));
                    AddRepeatable(migration, target, pending);
                    continue;
                }

                entries.Add(Compare(migration, row, problems));
                continue;
            }

            if (migration.Repeatable)
            {
                entries.Add(new PlanEntry(migration.Version, migration.Name, MigrationState.Pending, migration, null));
                AddRepeatable(migration, target, pending);
                continue;
            }

            if (highestApplied is { } highest && migration.Version < highest && !migration.Up.Directives.AllowOutOfOrder)
            {
                entries.Add(new PlanEntry(migration.Version, migration.Name, MigrationState.OutOfOrder, migration, null));
                var highestText = VersionSpelling.Of(highest, migrations);
                problems.Add(Diagnostic.Error(DiagnosticCodes.OutOfOrder,
                    $"migration {migration.DisplayName} is pending but version {highestText} is already applied; give it a version above {highestText}, or add '-- migrate:allow-out-of-order' if it is safe to apply out of order",
                    migration.Path, 1, 1));
                continue;
            }

            entries.Add(new PlanEntry(migration.Version, migration.Name, MigrationState.Pending, migration, null));
            if (target is null || migration.Version <= target.Value)
            {
                pending.Add(migration);
            }
        }

        entries.Sort((a, b) => a.Version.CompareTo(b.Version));
        return new Plan(entries, steps is { } most && pending.Count > most ? pending[..most] : pending, problems) { Resume = resumePoint };
    }

    // Repeatables come last in the folder's order, so after every pending versioned one; up to a target runs none of them.
    private static void AddRepeatable(Migration migration, MigrationVersion? target, List<Migration> pending)
    {
        if (target is null)
        {
            pending.Add(migration);
        }
    }

    private static ResumePoint? TryResume(Migration migration, HistoryEntry row, List<Diagnostic> problems)
    {
        string? why = null;
        var statement = row.FailedStatement ?? 0;
        if (row.CompletedChecksum?.StartsWith(StatementPrefix.DownMarker, StringComparison.Ordinal) == true)
        {
            why = "it failed while being reverted by its down file, so resuming the up file would be wrong; finish or undo the revert by hand";
        }
        else if (row.Transactional || migration.Up.Directives.IsTransactional)
        {
            why = "only a no-transaction migration can be resumed";
        }
        else if (statement > migration.Up.Statements.Count)
        {
            why = $"it failed at statement {statement + 1} but the file now has {migration.Up.Statements.Count} statement(s)";
        }
        else if (!string.Equals(row.CompletedChecksum ?? StatementPrefix.Checksum(migration.Up, 0), StatementPrefix.Checksum(migration.Up, statement), StringComparison.Ordinal))
        {
            why = $"the {statement} statement(s) before the failed one were edited since they ran";
        }

        if (why is null)
        {
            return new ResumePoint(migration, statement);
        }

        problems.Add(Diagnostic.Error(DiagnosticCodes.CannotResume,
            $"migration {migration.DisplayName} cannot be resumed: {why}. Fix the database by hand, then run {NextStep.Repair} (or {NextStep.MarkApplied(migration.VersionText)} if it is now complete)",
            migration.Path));
        return null;
    }

    private static PlanEntry Compare(Migration migration, HistoryEntry row, List<Diagnostic> problems)
    {
        if (row.Status == HistoryStatus.Failed)
        {
            problems.Add(FailedProblem(row, migration.VersionText, migration));
            return new PlanEntry(migration.Version, migration.Name, MigrationState.Failed, migration, row);
        }

        if (!string.Equals(row.Checksum, migration.Checksum, StringComparison.Ordinal))
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.ChecksumMismatch,
                $"migration {migration.DisplayName} was changed after it was applied (recorded {row.Checksum}, file now {migration.Checksum}); revert the edit and put the change in a new migration",
                migration.Path));
            return new PlanEntry(migration.Version, migration.Name, MigrationState.ChecksumMismatch, migration, row);
        }

        return new PlanEntry(migration.Version, migration.Name, MigrationState.Applied, migration, row);
    }

    private static Diagnostic FailedProblem(HistoryEntry row, string versionText, Migration? migration)
    {
        var statement = row.FailedStatement is { } index ? $" at statement {index + 1}" : "";
        // A down script's failure is never resumed (MT2007): offering the resume would send the user round in a circle.
        if (row.CompletedChecksum?.StartsWith(StatementPrefix.DownMarker, StringComparison.Ordinal) == true)
        {
            return Diagnostic.Error(DiagnosticCodes.FailedMigration,
                $"migration {versionText}_{row.Name} failed outside a transaction while being reverted by its down file{statement} and may be half-reverted; " +
                $"finish or undo the revert by hand, then run {NextStep.Repair}",
                migration?.Down?.Path ?? migration?.Path);
        }

        return Diagnostic.Error(DiagnosticCodes.FailedMigration,
            $"migration {versionText}_{row.Name} failed outside a transaction{statement} and may be half-applied; fix the database by hand, then run {NextStep.Repair}, or {NextStep.Resume} to continue from the failed statement",
            migration?.Path);
    }
}

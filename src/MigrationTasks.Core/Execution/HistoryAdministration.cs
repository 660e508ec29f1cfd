using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Planning;

namespace MigrationTasks.Execution;

/// <summary>
/// The commands that change the history without running migrations: adopt an existing database
/// (baseline), record one migration done by hand (mark-applied), and clear failures or accept an
/// edited migration once a person has checked the database (repair). Each runs under the lock and
/// is audited like up and down.
/// </summary>
public sealed class HistoryAdministration(IMigrationDatabaseProvider provider, IRunObserver observer, ApplyContext context)
{
    /// <summary>Records every migration up to and including <paramref name="version"/> as applied; refused unless the history is empty.</summary>
    public Task<int> BaselineAsync(MigrationSet set, MigrationVersion version, CancellationToken cancellationToken)
    {
        // Checked against the files before connecting: a mistyped version must not even create the history tables.
        if (!set.HasErrors && !set.Migrations.Any(m => m.Version == version))
        {
            throw new MigrationRunException(RunOutcome.UnknownTarget, Diagnostic.Error(DiagnosticCodes.UnknownTarget,
                $"the {SettingNames.BaselineVersion} {version} matches no migration file; pass the version of the last migration the database already has") with { Setting = SettingNames.BaselineVersion });
        }

        return RunAsync(set, "baseline", async (database, trail) =>
        {
            if ((await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw Usage(DiagnosticCodes.HistoryNotEmpty,
                    $"baseline is only for a database the tool has never migrated, but the history is not empty; use {NextStep.MarkApplied("<version>")} to record single migrations");
            }

            var migrations = set.Migrations.Where(m => m.Version <= version).ToList();
            trail.Versions.AddRange(migrations.Select(m => m.VersionText));
            await database.RecordAsAppliedAsync(migrations, context.Apply, cancellationToken).ConfigureAwait(false);
            observer.On(new HistoryChangedEvent("baseline", trail.Versions,
                $"Baseline: recorded {migrations.Count} migration(s) up to {VersionSpelling.Of(version, set.Migrations)} as applied without running them."));
            return migrations.Count;
        }, cancellationToken);
    }

    /// <summary>Records one migration as applied without running it, replacing a failed row.</summary>
    public Task<int> MarkAppliedAsync(MigrationSet set, MigrationVersion version, CancellationToken cancellationToken)
    {
        // Checked before connecting, like baseline: a mistyped version must not create the history tables or an audit row.
        var found = set.Migrations.FirstOrDefault(m => m.Version == version);
        var unknown = new MigrationRunException(RunOutcome.UnknownTarget, Diagnostic.Error(DiagnosticCodes.UnknownTarget, $"version {version} matches no migration file; pass the version of an existing migration"));
        if (found is null && !set.HasErrors)
        {
            throw unknown;
        }

        return RunAsync(set, "mark-applied", async (database, trail) =>
        {
            // Files with errors stop RunAsync before this runs; what reaches here has its file.
            var migration = found ?? throw unknown;
            var history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            var row = history.FirstOrDefault(h => h.Version == version);
            if (row is { Status: HistoryStatus.Applied })
            {
                throw Usage(DiagnosticCodes.AlreadyApplied, $"migration {migration.DisplayName} is already recorded as applied; nothing to mark");
            }

            WarnAboutPendingBelow(set, history, migration);

            trail.Versions.Add(migration.VersionText);
            await database.RecordAsAppliedAsync([migration], context.Apply, cancellationToken).ConfigureAwait(false);
            observer.On(new HistoryChangedEvent("mark-applied", trail.Versions,
                $"Marked {migration.DisplayName} as applied without running it{(row is null ? "" : " (it replaces the failed row)")}."));
            return 1;
        }, cancellationToken);
    }

    // Marking a version above pending ones is allowed (a hot fix applied by hand first), but the next up refuses
    // those pending ones as out of order: said now, while the person who made the state is still there.
    private void WarnAboutPendingBelow(MigrationSet set, IReadOnlyList<HistoryEntry> history, Migration marked)
    {
        var below = set.Migrations.Where(m => !m.Repeatable && m.Version < marked.Version && !m.Up.Directives.AllowOutOfOrder
            && !history.Any(h => h.Version == m.Version)).ToList();
        if (below.Count > 0)
        {
            var named = string.Join(", ", below.Take(3).Select(m => m.DisplayName)) + (below.Count > 3 ? $" and {below.Count - 3} more" : "");
            observer.On(new DiagnosticEvent(Diagnostic.Warning(DiagnosticCodes.MarkedAbovePending,
                $"{marked.DisplayName} is now applied above {below.Count} pending migration(s) ({named}); the next {NextStep.Up} refuses them as out of order (MT2003). Apply them (or mark them applied) too, or add '-- migrate:allow-out-of-order' to each if they are safe to run after it",
                marked.Path, 1, 1)));
        }
    }

    /// <summary>Clears failed rows and re-records the checksums of the listed edited migrations.</summary>
    public Task<int> RepairAsync(MigrationSet set, IReadOnlyList<MigrationVersion> acceptChecksums, CancellationToken cancellationToken)
    {
        // A version no file has can never be accepted: refused before connecting, so nothing is created or audited.
        var unknown = set.HasErrors ? [] : acceptChecksums.Distinct().Where(v => !set.Migrations.Any(m => m.Version == v)).ToList();
        if (unknown.Count > 0)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, unknown.Select(v => AcceptRefused(v, "no migration file has this version")).ToList());
        }

        return RunAsync(set, "repair", async (database, trail) =>
        {
            var history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            var failed = history.Where(h => h.Status == HistoryStatus.Failed).ToList();
            var accepted = AcceptedMigrations(set, history, acceptChecksums);
            var messages = new List<string>();
            string VersionText(HistoryEntry row) => set.Migrations.FirstOrDefault(m => m.Version == row.Version)?.VersionText ?? row.Version.Value;
            messages.AddRange(failed.Select(f => $"cleared the failed row of {VersionText(f)}_{f.Name} (it had failed at statement {(f.FailedStatement ?? 0) + 1}: {f.Error})"));
            messages.AddRange(accepted.Select(a => $"accepted the edited checksum of {a.Migration.DisplayName}: {a.Recorded} -> {a.Migration.Checksum}"));
            trail.Versions.AddRange(failed.Select(VersionText).Concat(accepted.Select(a => a.Migration.VersionText)));
            trail.Detail = messages.Count == 0 ? "nothing to repair" : string.Join("; ", messages);

            var invalid = await database.FindInvalidIndexesAsync(cancellationToken).ConfigureAwait(false);
            if (invalid.Count > 0)
            {
                observer.On(new DiagnosticEvent(Diagnostic.Warning(DiagnosticCodes.InvalidIndexLeft,
                    $"INVALID index(es) remain: {InvalidIndex.Names(invalid)}. They slow every write and make a re-run fail; drop them with: {InvalidIndex.DropStatements(invalid)}")));
            }

            if (messages.Count == 0)
            {
                observer.On(new HistoryChangedEvent("repair", [], "Nothing to repair: no failed rows and no checksum to accept."));
                return 0;
            }

            await database.RepairAsync(failed.Select(f => f.Version).ToList(), accepted.Select(a => a.Migration).ToList(), cancellationToken).ConfigureAwait(false);
            observer.On(new HistoryChangedEvent("repair", trail.Versions, "Repair: " + string.Join("; ", messages) + "."));
            return messages.Count;
        }, cancellationToken);
    }

    private static List<(Migration Migration, string Recorded)> AcceptedMigrations(MigrationSet set, IReadOnlyList<HistoryEntry> history, IReadOnlyList<MigrationVersion> versions)
    {
        var accepted = new List<(Migration, string)>();
        var problems = new List<Diagnostic>();
        foreach (var version in versions.Distinct())
        {
            var migration = set.Migrations.FirstOrDefault(m => m.Version == version);
            var row = history.FirstOrDefault(h => h.Version == version && h.Status == HistoryStatus.Applied);
            if (migration is null || row is null)
            {
                problems.Add(AcceptRefused(version, migration is null ? "no migration file has this version" : "this migration is not recorded as applied"));
            }
            else if (!string.Equals(row.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                accepted.Add((migration, row.Checksum));
            }
        }

        return problems.Count > 0 ? throw new MigrationRunException(RunOutcome.InvalidSetting, problems) : accepted;
    }

    private async Task<int> RunAsync(MigrationSet set, string action, Func<IMigrationDatabase, AuditTrail, Task<int>> body, CancellationToken cancellationToken)
    {
        MigrationRunner.ThrowIfInvalid(set, observer);
        var database = await provider.OpenAsync(observer, cancellationToken).ConfigureAwait(false);
        await using var closing = database.ConfigureAwait(false);
        return await AuditedRun.UnderLockAsync(database, context, observer, action, trail => body(database, trail), cancellationToken).ConfigureAwait(false);
    }

    private static MigrationRunException Usage(string code, string message) => new(RunOutcome.InvalidSetting, Diagnostic.Error(code, message));

    private static Diagnostic AcceptRefused(MigrationVersion version, string why) =>
        Diagnostic.Error(DiagnosticCodes.NotApplied,
            $"{SettingNames.AcceptChecksum} {version}: {why}; only an applied migration whose file was edited can have its checksum accepted") with { Setting = SettingNames.AcceptChecksum };
}

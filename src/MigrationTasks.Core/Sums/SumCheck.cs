using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Sums;

/// <summary>What a build may do with migrations.sum.</summary>
public enum SumMode
{
    /// <summary>A developer build: append new migrations, never touch recorded lines.</summary>
    Append,

    /// <summary>A CI build: the file must already be up to date; it is never written.</summary>
    Verify,

    /// <summary>On purpose (<c>UpdateMigrationsSum</c>, <c>migrations hash</c>): record the files as they are now.</summary>
    Rewrite,
}

/// <summary>The outcome of comparing the files with migrations.sum.</summary>
/// <param name="Diagnostics">What is wrong; errors fail the build.</param>
/// <param name="Unrecorded">Migrations the file does not record yet.</param>
/// <param name="UpdatedText">The file's new content, when it should be written; null to leave it alone.</param>
public sealed record SumResult(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<Migration> Unrecorded, string? UpdatedText);

/// <summary>
/// Compares migration files with migrations.sum. Recorded lines are never rewritten except in
/// <see cref="SumMode.Rewrite"/>: a changed, deleted or renamed recorded migration is an error
/// that names the file, because it has probably been applied somewhere already.
/// </summary>
public static class SumCheck
{
    /// <summary>Compares, and writes the file when the mode allows and something is new.</summary>
    /// <remarks>A migrations.sum that cannot be read or written is an error that names it, never an exception.</remarks>
    /// <param name="set">The migrations, with every problem that keeps new ones from being recorded (an append leaves
    /// out a set with lint errors too: pass the problems as reported).</param>
    public static SumResult Run(MigrationSet set, string sumPath, SumMode mode, CancellationToken cancellationToken = default)
    {
        byte[]? existing;
        try
        {
            existing = File.Exists(sumPath) || FileKind.NotRegular(sumPath) is not null ? RegularFile.ReadAllBytes(sumPath, cancellationToken) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SumResult([Inaccessible(sumPath, "read", e)], [], null);
        }

        var result = Compare(set, sumPath, existing, mode);
        if (result.UpdatedText is { } text && mode != SumMode.Verify)
        {
            // A Windows checkout (or a .gitattributes eol=crlf) has CRLF: rewritten with LF, every line would show as changed.
            var bytes = new UTF8Encoding(false).GetBytes(existing is not null && EndsLinesWithCrLf(existing) ? text.ReplaceLineEndings("\r\n") : text);
            if (existing is null || !bytes.AsSpan().SequenceEqual(existing))
            {
                try
                {
                    AtomicFile.Write(sumPath, bytes);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return result with { Diagnostics = [.. result.Diagnostics, Inaccessible(sumPath, "written", e)], UpdatedText = null };
                }
            }
        }

        return result;
    }

    private static bool EndsLinesWithCrLf(byte[] existing) => existing.AsSpan().IndexOf((byte)'\n') is > 0 and var lf && existing[lf - 1] == '\r';

    private static Diagnostic Inaccessible(string sumPath, string done, Exception e) =>
        Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
            $"{MigrationsSum.FileName} could not be {done}: {e.Message} It must be a regular file that the user running the build or {NextStep.RewriteSum} may read and write, in a folder it may write to",
            sumPath);

    public static SumResult Compare(MigrationSet set, string sumPath, byte[]? existing, SumMode mode)
    {
        // A Flyway repeatable migration is meant to change and re-run: the sum guards what must not change.
        if (set.Migrations.Any(m => m.Repeatable))
        {
            set = set with { Migrations = set.Migrations.Where(m => !m.Repeatable).ToList() };
        }

        var diagnostics = new List<Diagnostic>();
        if (mode == SumMode.Rewrite)
        {
            // An explicit rewrite records what the files are; only unreadable files stop it. Its callers
            // pass the set as read, without lint findings: the rules judge whether to apply, not what was written.
            var unreadable = set.HasErrors;
            var text = unreadable ? null : MigrationsSum.Format(set.Migrations.Select(m => MigrationsSum.EntryFor(m)));
            return new SumResult(diagnostics, [], text);
        }

        if (existing is null)
        {
            return Missing(set, sumPath, mode);
        }

        var entries = MigrationsSum.Parse(existing, sumPath, diagnostics);
        if (entries is null)
        {
            return new SumResult(diagnostics, [], null);
        }

        CompareRecorded(set, entries, sumPath, diagnostics);
        var recorded = entries.Select(e => e.Version).ToHashSet();
        var unrecorded = set.Migrations.Where(m => !recorded.Contains(m.Version)).ToList();
        if (entries.Count > 0)
        {
            CheckAboveRecorded(unrecorded, entries[^1], diagnostics);
        }

        if (diagnostics.Any(d => d.IsError) || set.HasErrors || unrecorded.Count == 0)
        {
            return new SumResult(diagnostics, unrecorded, null);
        }

        if (mode == SumMode.Verify)
        {
            diagnostics.Add(OutOfDate(sumPath, $"it does not record {string.Join(", ", unrecorded.Select(m => Path.GetFileName(m.Path)))}"));
            return new SumResult(diagnostics, unrecorded, null);
        }

        var merged = entries.Concat(unrecorded.Select(m => MigrationsSum.EntryFor(m))).OrderBy(e => e.Version);
        return new SumResult(diagnostics, unrecorded, MigrationsSum.Format(merged));
    }

    private static SumResult Missing(MigrationSet set, string sumPath, SumMode mode)
    {
        if (set.Migrations.Count == 0 || set.HasErrors)
        {
            return new SumResult([], set.Migrations, null);
        }

        return mode == SumMode.Verify
            ? new SumResult([OutOfDate(sumPath, "it does not exist")], set.Migrations, null)
            : new SumResult([], set.Migrations, MigrationsSum.Format(set.Migrations.Select(m => MigrationsSum.EntryFor(m))));
    }

    private static void CompareRecorded(MigrationSet set, IReadOnlyList<SumEntry> entries, string sumPath, List<Diagnostic> diagnostics)
    {
        var byVersion = set.Migrations.ToDictionary(m => m.Version);

        // A file that failed to read is reported by its own error; calling it deleted would mislead.
        var unreadable = set.Errors.Select(d => Path.GetFileName(d.File)).ToHashSet(StringComparer.Ordinal);
        var accept = $"to accept the change on purpose, run {NextStep.AcceptSum}";
        foreach (var entry in entries)
        {
            if (!byVersion.TryGetValue(entry.Version, out var migration))
            {
                if (!unreadable.Contains(entry.FileName))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RecordedMigrationMissing,
                        $"'{entry.FileName}' is recorded in {MigrationsSum.FileName} (line {entry.Line}) but was deleted; migrations that may have run somewhere must stay. Restore it, or {accept}",
                        sumPath, entry.Line, 1));
                }
            }
            else if (Path.GetFileName(migration.Path) != entry.FileName)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RecordedMigrationMissing,
                    $"'{entry.FileName}' is recorded in {MigrationsSum.FileName} (line {entry.Line}) but was renamed to '{Path.GetFileName(migration.Path)}'; restore the name, or {accept}",
                    migration.Path));
            }
            else if (migration.Checksum != entry.Checksum)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.RecordedMigrationChanged,
                    $"'{entry.FileName}' was changed after it was recorded in {MigrationsSum.FileName} (line {entry.Line}); a migration that may have run somewhere must not change: write a new migration instead. Undo the edit, or {accept}",
                    migration.Path));
            }
        }
    }

    private static void CheckAboveRecorded(List<Migration> unrecorded, SumEntry highest, List<Diagnostic> diagnostics)
    {
        foreach (var migration in unrecorded)
        {
            if (migration.Version < highest.Version && !migration.Up.Directives.AllowOutOfOrder)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BelowRecordedVersion,
                    $"'{Path.GetFileName(migration.Path)}' is new but its version {migration.VersionText} is below {highest.VersionText}, the highest recorded in {MigrationsSum.FileName}; environments that already ran {highest.VersionText} would apply it out of order. Give it a version above {highest.VersionText}, or add '-- migrate:allow-out-of-order' if that is intended",
                    migration.Path, 1, 1));
            }
        }
    }

    private static Diagnostic OutOfDate(string sumPath, string why) =>
        Diagnostic.Error(DiagnosticCodes.SumOutOfDate,
            $"{MigrationsSum.FileName} is out of date: {why}. A CI build does not write it: build locally (or run {NextStep.RewriteSum}) and commit {MigrationsSum.FileName}",
            sumPath);
}

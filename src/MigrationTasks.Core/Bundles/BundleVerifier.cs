using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Files;
using MigrationTasks.Layouts;

namespace MigrationTasks.Bundles;

/// <summary>A bundle that was checked: its migrations, its root hash, and what was wrong with it.</summary>
public sealed record VerifiedBundle(MigrationSet Migrations, string? RootHash, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Checks a bundle before anything runs: the manifest's format version, every file's checksum, no
/// missing and no extra file, and the root hash. Anything off is tampering or a broken copy, and
/// names the file, so the runner never applies SQL that is not what was built.
/// </summary>
public static class BundleVerifier
{
    /// <param name="dialect">The SQL the migrations are written in.</param>
    /// <param name="directory">The bundle folder.</param>
    /// <param name="cancellationToken">The run's cancellation, checked while files are read.</param>
    public static VerifiedBundle Verify(
        IMigrationDialect dialect, string directory, CancellationToken cancellationToken = default)
    {
        var empty = new MigrationSet([], []);
        var manifestPath = Path.Combine(directory, BundleManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return new VerifiedBundle(empty, null, [Diagnostic.Error(DiagnosticCodes.BundleFileMissing,
                $"'{directory}' is not a bundle: it has no {BundleManifest.FileName}; pass the migrations folder of a 'dotnet publish' output", manifestPath)]);
        }

        var unreadable = new List<Diagnostic>();
        if (Read(manifestPath, unreadable, cancellationToken) is not { } manifestBytes)
        {
            return new VerifiedBundle(empty, null, unreadable);
        }

        // The format first: a newer format may lay out the rest differently and is not "broken".
        if (ManifestJson.ReadVersions(manifestBytes) is { } versions && versions.FormatVersion != BundleManifest.CurrentFormatVersion)
        {
            return new VerifiedBundle(empty, null, [Diagnostic.Error(DiagnosticCodes.BundleFormatUnsupported,
                $"the bundle has format version {versions.FormatVersion}, but this runner reads version {BundleManifest.CurrentFormatVersion}; use the MigrationTasks version that built it ({versions.ToolVersion ?? "unknown"})", manifestPath)]);
        }

        BundleManifest manifest;
        try
        {
            manifest = ManifestJson.Read(manifestBytes);
        }
        catch (InvalidManifestException e)
        {
            return new VerifiedBundle(empty, null, [Diagnostic.Error(DiagnosticCodes.BundleManifestInvalid,
                $"{BundleManifest.FileName} is not a valid bundle manifest ({e.Message}); publish the bundle again", manifestPath)]);
        }

        var diagnostics = new List<Diagnostic>();
        var files = ReadListedFiles(directory, manifest, diagnostics, cancellationToken);
        ReportExtraFiles(directory, manifest, diagnostics);
        if (BundleManifest.ComputeRootHash(manifest.FormatVersion, manifest.Migrations, manifest.Layout) != manifest.RootHash)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleRootHashMismatch,
                $"the root hash in {BundleManifest.FileName} does not match its migrations: the manifest was edited. Publish the bundle again", manifestPath));
        }

        if (diagnostics.Count > 0)
        {
            return new VerifiedBundle(empty, null, diagnostics);
        }

        var set = manifest.Layout.IsNative()
            ? MigrationDirectory.LoadFiles(dialect, files, MigrationLayout.MigrationTasks)
            : ForeignBundle.Load(dialect, manifest, directory, files, diagnostics);
        ReportManifestDisagreements(manifest, set, manifestPath, diagnostics);
        return new VerifiedBundle(set, manifest.RootHash, [.. set.Diagnostics, .. diagnostics]);
    }

    private static List<(string Path, ReadOnlyMemory<byte> Bytes)> ReadListedFiles(
        string directory, BundleManifest manifest, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var files = new List<(string, ReadOnlyMemory<byte>)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, checksum) in Listed(manifest))
        {
            var path = Path.Combine(directory, name);
            if (!seen.Add(name))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleManifestInvalid,
                    $"{BundleManifest.FileName} lists '{name}' more than once: it was edited. Publish the bundle again", Path.Combine(directory, BundleManifest.FileName)));
                continue;
            }

            if (Path.GetFileName(name) != name || name == BundleManifest.FileName || !MigrationFileName.LooksLikeMigration(name))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleManifestInvalid,
                    $"{BundleManifest.FileName} lists '{name}', which is not a migration file name in the bundle folder; publish the bundle again",
                    Path.Combine(directory, BundleManifest.FileName)));
                continue;
            }

            if (!File.Exists(path))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleFileMissing,
                    $"'{name}' is listed in {BundleManifest.FileName} but missing from the bundle; publish the bundle again", path));
                continue;
            }

            if (Read(path, diagnostics, cancellationToken) is not { } bytes)
            {
                continue;
            }

            if (ChecksumOf(bytes) != checksum)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleChecksumMismatch,
                    $"'{name}' does not match its checksum in {BundleManifest.FileName}: it was changed after the bundle was built. Publish the bundle again instead of editing it", path));
                continue;
            }

            files.Add((path, bytes));
        }

        return files;
    }

    private static void ReportExtraFiles(string directory, BundleManifest manifest, List<Diagnostic> diagnostics)
    {
        var listed = Listed(manifest).Select(f => f.Name).Append(BundleManifest.FileName).ToHashSet(StringComparer.Ordinal);
        List<string> entries;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
                $"the bundle folder '{directory}' could not be listed: {e.Message} Make it readable by the user running migrations", directory));
            return;
        }

        foreach (var entry in entries)
        {
            if (!listed.Contains(Path.GetFileName(entry)))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleExtraFile,
                    $"'{Path.GetFileName(entry)}' is in the bundle but not in {BundleManifest.FileName}: it was added after the bundle was built. Remove it, or publish the bundle again", entry));
            }
        }
    }

    // The files decoded into migrations must say what the manifest says, or the manifest lied about them.
    private static void ReportManifestDisagreements(BundleManifest manifest, MigrationSet set, string manifestPath, List<Diagnostic> diagnostics)
    {
        var actual = set.Migrations.Select(BundleEntry.For).ToList();
        for (var i = 0; i < manifest.Migrations.Count; i++)
        {
            var listed = manifest.Migrations[i];
            if (i >= actual.Count || actual[i] != listed.WithoutSources)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.BundleManifestInvalid,
                    $"{BundleManifest.FileName} describes '{listed.File}' differently from the file itself (version, name, down file or directives); publish the bundle again", manifestPath));
                return;
            }
        }
    }

    private static IEnumerable<(string Name, string Checksum)> Listed(BundleManifest manifest) =>
        manifest.Migrations.SelectMany(m => m.DownFile is null
            ? [(m.File, m.Checksum)]
            : new[] { (m.File, m.Checksum), (m.DownFile, m.DownChecksum ?? "") });

    // Null when the file cannot be read, with a diagnostic that names it and says why.
    private static byte[]? Read(string path, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        try
        {
            return RegularFile.ReadAllBytes(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
                $"'{Path.GetFileName(path)}' in the bundle could not be read: {e.Message} Make the bundle readable by the user running migrations, or publish it again", path));
            return null;
        }
    }

    private static string ChecksumOf(byte[] bytes)
    {
        try
        {
            return Checksum.Of(MigrationText.Decode(bytes));
        }
        catch (InvalidMigrationEncodingException)
        {
            return "";
        }
    }
}

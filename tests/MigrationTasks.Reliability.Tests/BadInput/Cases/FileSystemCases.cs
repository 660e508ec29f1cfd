using MigrationTasks.Bundles;
using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>
/// What the file system can put where a file is expected: named pipes (which block whoever opens them),
/// sockets, folders, devices, link loops, names that are not UTF-8, manifests listing a file twice.
/// Each is refused with its path and the documented code, never a hang, a crash or exit 1.
/// </summary>
internal static class FileSystemCases
{
    private const string Manifest = "manifest.json";
    private const string Orders = "0020_create_orders.sql";

    public static IEnumerable<BadInputCase> All()
    {
        foreach (var command in new[] { "up", "status", "lint" })
        {
            yield return Entry($"a named pipe named like a migration ({command})", command, "0030_pipe.sql", SpecialFiles.NamedPipe);
            yield return Entry($"a symbolic link loop named like a migration ({command})", command, "0030_loop.sql",
                path => File.CreateSymbolicLink(path, Path.GetFileName(path)));
        }

        yield return Entry("a socket named like a migration (up)", "up", "0030_socket.sql", SpecialFiles.Socket);
        yield return Entry("a folder named like a migration (up)", "up", "0030_folder.sql", path => Directory.CreateDirectory(path));
        yield return Entry("a folder named like a migration (lint)", "lint", "0030_folder.sql", path => Directory.CreateDirectory(path));
        yield return Entry("two links to each other (plan)", "plan", "0030_ping.sql", path =>
        {
            File.CreateSymbolicLink(path, "0031_pong.sql");
            File.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(path)!, "0031_pong.sql"), "0030_ping.sql");
        });

        foreach (var command in new[] { "up", "status", "lint" })
        {
            yield return Of($"file system: a file name that is not valid UTF-8 ({command})", [command],
                ws => SpecialFiles.NonUtf8Name(ws.Dir, "0030_caf?.sql", "CREATE TABLE t (id int);"), 3, "MT1001", "0030_caf\uFFFD.sql");
        }

        yield return Of("file system: --dir is a named pipe (up)", ["up"], ws =>
        {
            Directory.Delete(ws.Dir, recursive: true);
            SpecialFiles.NamedPipe(ws.Dir);
        }, 3, "MT1000");

        yield return Of("file system: a named pipe as --config (up)", ["up"], ws => ws.ConfigPath = Pipe(ws, "pipe.yaml"), 2, "MT4003", "pipe.yaml");
        yield return Of("file system: a named pipe as --config (lint)", ["lint"], ws => ws.ConfigPath = Pipe(ws, "pipe.yaml"), 2, "MT4003", "pipe.yaml");
        yield return Of("file system: /dev/zero as --config (config)", ["config"], ws => ws.ConfigPath = "/dev/zero", 2, "MT4003", "/dev/zero");
        yield return Of("file system: a folder as --sarif (lint)", ["lint", "--sarif", Path.GetTempPath()], _ => { }, 2, "MT4002");
        yield return Of("file system: --sarif in a folder that does not exist (lint)", ["lint", "--sarif", "/nonexistent-mt-folder/out.sarif"], _ => { }, 2, "MT4002");

        yield return Bundle("a manifest that is a named pipe", ws =>
        {
            File.Delete(ws.BundleFile(Manifest));
            SpecialFiles.NamedPipe(ws.BundleFile(Manifest));
        }, "MT1019", Manifest);
        yield return Bundle("a bundled migration replaced by a named pipe", ws =>
        {
            File.Delete(ws.BundleFile(Orders));
            SpecialFiles.NamedPipe(ws.BundleFile(Orders));
        }, "MT1019", Orders);
        // The root hash recomputed, as a careful forger would: only the repeated entry is wrong.
        yield return Bundle("a manifest listing one migration twice", ws =>
        {
            var path = ws.BundleFile(Manifest);
            var manifest = ManifestJson.Read(File.ReadAllBytes(path));
            var twice = manifest with { Migrations = [.. manifest.Migrations, manifest.Migrations[^1]] };
            File.WriteAllBytes(path, ManifestJson.Write(twice with { RootHash = BundleManifest.ComputeRootHash(twice.FormatVersion, twice.Migrations) }));
        }, "MT1100", Manifest);
    }

    private static BadInputCase Entry(string name, string command, string file, Action<string> make) =>
        Of($"file system: {name}", [command], ws => make(Path.Combine(ws.Dir, file)), 3, "MT1019", file);

    private static BadInputCase Bundle(string name, Action<CaseWorkspace> tamper, string code, string file) =>
        Of($"file system: bundle: {name} (up)", ["up"], ws =>
        {
            ws.WriteBundle();
            tamper(ws);
        }, 3, code, file) with { Source = CaseSource.Bundle };

    private static string Pipe(CaseWorkspace ws, string name)
    {
        var path = Path.Combine(ws.Root, name);
        SpecialFiles.NamedPipe(path);
        return path;
    }
}

using System.Text;
using MigrationTasks.Checksums;
using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>Bundles changed after `dotnet publish` made them, or made by a newer MigrationTasks: exit 3 before connecting.</summary>
internal static class BundleCases
{
    private const string Orders = "0020_create_orders.sql";
    private const string Manifest = "manifest.json";

    public static IEnumerable<BadInputCase> All()
    {
        yield return Bundle("a migration edited after publishing", ["up"], ws => File.AppendAllText(ws.BundleFile(Orders), "\nDROP TABLE users;"), "MT1102", Orders);
        yield return Bundle("a migration edited after publishing", ["status"], ws => File.WriteAllText(ws.BundleFile(Orders), "SELECT 1;\n"), "MT1102", Orders);
        yield return Bundle("a directive added after publishing", ["plan"],
            ws => File.WriteAllText(ws.BundleFile(Orders), "-- migrate:no-transaction\n" + File.ReadAllText(ws.BundleFile(Orders))), "MT1102", Orders);
        yield return Bundle("a file added after publishing", ["up"], ws => File.WriteAllText(ws.BundleFile("0030_extra.sql"), "DROP TABLE users;\n"), "MT1104", "0030_extra.sql");
        yield return Bundle("a file deleted after publishing", ["up"], ws => File.Delete(ws.BundleFile(Orders)), "MT1103", Orders);
        yield return Bundle("no manifest", ["up"], ws => File.Delete(ws.BundleFile(Manifest)), "MT1103", Manifest);
        yield return Bundle("a manifest that is not JSON", ["up"], ws => File.WriteAllText(ws.BundleFile(Manifest), "{ not json"), "MT1100", Manifest);
        yield return Bundle("a root hash edited in the manifest", ["up"],
            ws => EditManifest(ws, text => RegexReplace(text, "\"rootHash\": \"sha256:[0-9a-f]{4}", "\"rootHash\": \"sha256:0000")), "MT1105", Manifest);
        yield return Bundle("a checksum edited in the manifest to match an edited file", ["up"], ws =>
        {
            File.WriteAllText(ws.BundleFile(Orders), "DROP TABLE users;\n");
            EditManifest(ws, text => RegexReplace(text, "(\"file\": \"" + Orders + "\",\\s*\"checksum\": \")[^\"]+", "${1}" + Checksum.Of("DROP TABLE users;\n")));
        }, "MT1105", Manifest);
        yield return Bundle("a manifest listing a file outside the bundle", ["up"],
            ws => EditManifest(ws, text => text.Replace($"\"file\": \"{Orders}\"", $"\"file\": \"../{Orders}\"", StringComparison.Ordinal)), "MT1100", Manifest);
        yield return Bundle("a manifest of a newer format", ["up"],
            ws => EditManifest(ws, text => text.Replace("\"formatVersion\": 1", "\"formatVersion\": 2", StringComparison.Ordinal)), "MT1101", Manifest);
        yield return Bundle("a manifest of a newer format with a new layout", ["status"],
            ws => File.WriteAllText(ws.BundleFile(Manifest), "{\n  \"formatVersion\": 2,\n  \"toolVersion\": \"9.0.0\",\n  \"entries\": []\n}\n"), "MT1101", Manifest);
    }

    private static BadInputCase Bundle(string name, string[] command, Action<CaseWorkspace> tamper, string code, string file) =>
        Of($"bundle: {name} ({command[0]})", command, ws =>
        {
            ws.WriteBundle();
            tamper(ws);
        }, 3, code, file) with { Source = CaseSource.Bundle };

    private static void EditManifest(CaseWorkspace ws, Func<string, string> edit)
    {
        var path = ws.BundleFile(Manifest);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var edited = edit(text);
        Assert.That(edited, Is.Not.EqualTo(text), "the manifest edit must change something");
        File.WriteAllText(path, edited);
    }

    private static string RegexReplace(string text, string pattern, string replacement) =>
        System.Text.RegularExpressions.Regex.Replace(text, pattern, replacement);
}

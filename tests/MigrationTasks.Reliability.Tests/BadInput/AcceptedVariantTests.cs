using System.Security.Cryptography;
using System.Text;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// Not bad input: a BOM and CRLF or CR line endings are what editors and git settings do to a file.
/// The contract (README, "Checksums") is that they change no checksum: the checksum is that of the LF text
/// without BOM, an applied migration saved again this way is not an edit, and bundle manifests are identical.
/// The SQL that runs is the text as written, so a line break inside a string literal keeps its bytes.
/// </summary>
public sealed class AcceptedVariantTests
{
    public static readonly string[] Variants = ["CRLF", "CR", "BOM", "BOM+CRLF"];

    [TestCaseSource(nameof(Variants))]
    public async Task An_applied_migration_saved_again_with_a_BOM_or_other_line_endings_is_not_an_edit(string variant)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        Assert.That((await Run(workspace, "up")).ExitCode, Is.Zero);
        var before = await CatalogFingerprint.TakeAsync(database.ConnectionString, auditRows: false);

        foreach (var (file, sql) in CaseWorkspace.BaseMigrations)
        {
            workspace.WriteBytes(file, Encode(sql, variant));
        }

        var results = new[] { await Run(workspace, "status"), await Run(workspace, "up"), await Run(workspace, "plan", "--down"), await Run(workspace, "lint") };
        Assert.That(results.Select(r => r.ExitCode), Is.All.Zero, string.Join("\n", results.Select(r => r.ToString())));
        Assert.That(results.Select(r => r.All), Has.None.Contain("MT2001"));
        Assert.That(await CatalogFingerprint.TakeAsync(database.ConnectionString, auditRows: false), Is.EqualTo(before));
        Assert.That(await CatalogFingerprint.FailedAuditRowsAsync(database.ConnectionString), Is.Zero);
    }

    [TestCaseSource(nameof(Variants))]
    public async Task A_new_migration_with_a_BOM_or_other_line_endings_is_applied_as_written_with_the_checksum_of_its_LF_text(string variant)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        const string sql = "-- a comment\nCREATE TABLE variants (id int,\n  note text DEFAULT 'a\nb');\n";
        workspace.WriteBytes("0030_variants.sql", Encode(sql, variant));

        var result = await Run(workspace, "up");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        Assert.That(await database.ScalarAsync<string>("SELECT checksum FROM migrationtasks_history WHERE name = 'variants'"), Is.EqualTo(expected));
        // The line break inside the string literal is stored as the file has it: only the checksum normalizes.
        Assert.That(await database.ScalarAsync<string>("SELECT column_default FROM information_schema.columns WHERE table_name = 'variants' AND column_name = 'note'"),
            Is.EqualTo("'a" + LineBreak(variant) + "b'::text"));
    }

    [TestCaseSource(nameof(Variants))]
    public void A_bundle_of_the_folder_in_any_variant_has_the_manifest_of_the_LF_one_and_its_files_as_written(string variant)
    {
        var target = new Target("unused", "127.0.0.1", 5432, "unused", null, "unused");
        using var lf = new CaseWorkspace(target);
        using var other = new CaseWorkspace(target);
        foreach (var (file, sql) in CaseWorkspace.BaseMigrations)
        {
            other.WriteBytes(file, Encode(sql, variant));
        }

        lf.WriteBundle();
        other.WriteBundle();

        var names = Directory.GetFiles(lf.Bundle).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(Directory.GetFiles(other.Bundle).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(names));
        Assert.That(File.ReadAllBytes(other.BundleFile("manifest.json")), Is.EqualTo(File.ReadAllBytes(lf.BundleFile("manifest.json"))));
        // The files hold what runs: the text without its BOM, line endings as written (the same bytes for LF).
        foreach (var (file, sql) in CaseWorkspace.BaseMigrations)
        {
            Assert.That(File.ReadAllBytes(other.BundleFile(file)), Is.EqualTo(Encode(sql, variant.Replace("BOM+", "", StringComparison.Ordinal).Replace("BOM", "LF", StringComparison.Ordinal))), file);
        }
    }

    private static string LineBreak(string variant) =>
        variant.Contains("CRLF", StringComparison.Ordinal) ? "\r\n" : variant == "CR" ? "\r" : "\n";

    private static byte[] Encode(string lfText, string variant)
    {
        var text = variant.Contains("CRLF", StringComparison.Ordinal) ? lfText.Replace("\n", "\r\n", StringComparison.Ordinal)
            : variant == "CR" ? lfText.Replace('\n', '\r')
            : lfText;
        var bytes = Encoding.UTF8.GetBytes(text);
        return variant.StartsWith("BOM", StringComparison.Ordinal) ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    private static Task<CliResult> Run(CaseWorkspace workspace, params string[] args) =>
        Tool.RunAsync([.. args, "--dir", workspace.Dir, "--connection", workspace.Connection!]);
}

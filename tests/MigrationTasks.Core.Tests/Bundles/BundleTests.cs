using System.Text;
using MigrationTasks.Bundles;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Bundles;

public sealed class BundleTests
{
    private MigrationFolder _source = null!;
    private MigrationFolder _bundle = null!;

    [SetUp]
    public void CreateFolders()
    {
        _source = new MigrationFolder();
        _bundle = new MigrationFolder();
        _source.Write("0001_users.sql", "-- migrate:lock-timeout 5s\r\nCREATE TABLE users (id int);\r\n");
        _source.Write("0002_index.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY users_id ON users (id);");
        _source.Write("0002_index.down.sql", "DROP INDEX users_id;");
    }

    [TearDown]
    public void RemoveFolders()
    {
        _source.Dispose();
        _bundle.Dispose();
    }

    private IReadOnlyList<string> Write(string? directory = null) =>
        BundleWriter.Write(Linted.Load(_source.Path), directory ?? _bundle.Path, "1.2.3");

    private string InBundle(string name) => Path.Combine(_bundle.Path, name);

    [Test]
    public void A_written_bundle_verifies_and_yields_the_same_migrations()
    {
        Write();

        var verified = Linted.Verify(_bundle.Path);

        Assert.That(verified.Diagnostics, Is.Empty);
        Assert.That(verified.Migrations.Migrations.Select(m => m.DisplayName), Is.EqualTo(new[] { "0001_users", "0002_index" }));
        Assert.That(verified.RootHash, Does.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(verified.Migrations.Migrations[0].Checksum, Is.EqualTo(Linted.Load(_source.Path).Migrations[0].Checksum));
    }

    [Test]
    public void The_same_input_gives_the_same_manifest_whatever_the_line_endings_and_files_as_written()
    {
        using var other = new MigrationFolder();
        Write();
        _source.Write("0001_users.sql", "-- migrate:lock-timeout 5s\nCREATE TABLE users (id int);\n");
        Write(other.Path);

        Assert.That(File.ReadAllBytes(Path.Combine(other.Path, "manifest.json")), Is.EqualTo(File.ReadAllBytes(Path.Combine(_bundle.Path, "manifest.json"))));
        // What runs from the bundle is what runs from the folder: the text as written, line endings included.
        Assert.That(File.ReadAllText(Path.Combine(_bundle.Path, "0001_users.sql")), Does.Contain("\r\n"));
        Assert.That(File.ReadAllText(Path.Combine(other.Path, "0001_users.sql")), Does.Not.Contain("\r"));
    }

    [Test]
    public void The_manifest_records_format_tool_checksums_directives_and_root_hash()
    {
        Write();

        var json = File.ReadAllText(InBundle("manifest.json"));

        Assert.That(json, Does.StartWith("{\n  \"formatVersion\": 1,\n  \"toolVersion\": \"1.2.3\","));
        Assert.That(json, Does.Contain("\"downFile\": \"0002_index.down.sql\"").And.Contain("\"transactional\": false").And.Contain("\"lockTimeoutMs\": 5000"));
        Assert.That(json, Does.Not.Contain("\r"));
    }

    [Test]
    public void In_a_repository_the_manifest_names_each_part_s_source_relative_to_its_root_and_still_verifies()
    {
        using var repository = new MigrationFolder();
        Directory.CreateDirectory(Path.Combine(repository.Path, ".git"));
        var folder = Directory.CreateDirectory(Path.Combine(repository.Path, "db", "migrations")).FullName;
        foreach (var file in Directory.GetFiles(_source.Path))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        BundleWriter.Write(Linted.Load(folder), _bundle.Path, "1.2.3");

        var manifest = ManifestJson.Read(File.ReadAllBytes(InBundle("manifest.json")));
        Assert.That(manifest.Migrations.Select(m => m.Source), Is.EqualTo(new[] { "db/migrations/0001_users.sql", "db/migrations/0002_index.sql" }));
        Assert.That(manifest.Migrations[1].DownSource, Is.EqualTo("db/migrations/0002_index.down.sql"));
        Assert.That(Linted.Verify(_bundle.Path).Diagnostics, Is.Empty);
    }

    [Test]
    public void Outside_a_repository_the_manifest_names_no_source()
    {
        Write();

        Assert.That(File.ReadAllText(InBundle("manifest.json")), Does.Not.Contain("source"));
    }

    [Test]
    public void A_removed_migration_does_not_linger_in_a_rewritten_bundle()
    {
        _source.Write("0003_extra.sql", "SELECT 1;");
        Write();
        File.Delete(Path.Combine(_source.Path, "0003_extra.sql"));

        Write();

        Assert.That(Linted.Verify(_bundle.Path).Diagnostics, Is.Empty);
    }

    [Test]
    public void An_edited_file_is_refused_naming_the_file()
    {
        Write();
        File.AppendAllText(InBundle("0001_users.sql"), "DROP TABLE users;");

        var error = Linted.Verify(_bundle.Path).Diagnostics.Single();

        Assert.That((error.Code, error.File), Is.EqualTo((DiagnosticCodes.BundleChecksumMismatch, InBundle("0001_users.sql"))));
    }

    [Test]
    public void A_missing_file_is_refused_naming_the_file()
    {
        Write();
        File.Delete(InBundle("0002_index.down.sql"));

        var error = Linted.Verify(_bundle.Path).Diagnostics.Single();

        Assert.That((error.Code, error.File), Is.EqualTo((DiagnosticCodes.BundleFileMissing, InBundle("0002_index.down.sql"))));
    }

    [Test]
    public void An_extra_file_is_refused_naming_the_file()
    {
        Write();
        File.WriteAllText(InBundle("0003_sneaky.sql"), "DROP TABLE users;");

        var error = Linted.Verify(_bundle.Path).Diagnostics.Single();

        Assert.That((error.Code, error.File), Is.EqualTo((DiagnosticCodes.BundleExtraFile, InBundle("0003_sneaky.sql"))));
    }

    [Test]
    public void A_manifest_whose_checksums_were_edited_to_match_fails_the_root_hash()
    {
        Write();
        File.AppendAllText(InBundle("0001_users.sql"), "DROP TABLE users;");
        var manifest = File.ReadAllText(InBundle("manifest.json"));
        var oldChecksum = Linted.Load(_source.Path).Migrations[0].Checksum;
        var newChecksum = MigrationTasks.Checksums.Checksum.Of(File.ReadAllText(InBundle("0001_users.sql")));
        File.WriteAllText(InBundle("manifest.json"), manifest.Replace(oldChecksum, newChecksum, StringComparison.Ordinal));

        var error = Linted.Verify(_bundle.Path).Diagnostics.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.BundleRootHashMismatch));
    }

    [Test]
    public void A_manifest_that_lies_about_directives_is_refused()
    {
        Write();
        var manifest = File.ReadAllText(InBundle("manifest.json"));
        File.WriteAllText(InBundle("manifest.json"), manifest.Replace("\"transactional\": false", "\"transactional\": true", StringComparison.Ordinal));

        var error = Linted.Verify(_bundle.Path).Diagnostics.Single();

        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.BundleManifestInvalid));
    }

    [TestCase("\"formatVersion\": 1", "\"formatVersion\": 9", "MT1101")]
    [TestCase("\"rootHash\"", "\"rootHush\"", "MT1100")]
    [TestCase("\"file\": \"0001_users.sql\"", "\"file\": \"../0001_users.sql\"", "MT1100")]
    public void A_manifest_in_an_unknown_shape_is_refused(string from, string to, string code)
    {
        Write();
        var manifest = File.ReadAllText(InBundle("manifest.json"));
        File.WriteAllText(InBundle("manifest.json"), manifest.Replace(from, to, StringComparison.Ordinal), new UTF8Encoding(true));

        var diagnostics = Linted.Verify(_bundle.Path).Diagnostics;

        Assert.That(diagnostics.Select(d => d.Code), Does.Contain(code));
    }

    [Test]
    public void A_folder_without_a_manifest_is_not_a_bundle()
    {
        var error = Linted.Verify(_source.Path).Diagnostics.Single();

        Assert.That((error.Code, error.File), Is.EqualTo((DiagnosticCodes.BundleFileMissing, Path.Combine(_source.Path, "manifest.json"))));
    }
}

using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using MigrationTasks.Build.Tests.Support;

namespace MigrationTasks.Build.Tests;

/// <summary>
/// The arrows between the layers, read from the built assemblies themselves (docs/architecture.md):
/// Cli -> Postgres -> Postgres.Dialect -> Core and Build -> Postgres.Dialect -> Core, never back; only
/// the CLI knows exit codes.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[] CommandLineLibraries = ["System.CommandLine"];

    // A command-line flag: "--" and a letter, not a third dash (SQL comments and directives have a space: "-- migrate:").
    private static readonly System.Text.RegularExpressions.Regex Flag = new("(?<!-)--[a-z]", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    [Test]
    public void Core_references_no_driver_no_msbuild_and_no_command_line_library()
    {
        var references = References("MigrationTasks.Core", "MigrationTasks.Core");

        Assert.That(references, Has.None.StartsWith("Npgsql").And.None.StartsWith("Microsoft.Build")
            .And.None.StartsWith("MigrationTasks.").And.None.AnyOf(CommandLineLibraries));
    }

    [Test]
    public void Build_never_references_a_provider()
    {
        var references = References("MigrationTasks.Build", "MigrationTasks.Build");

        Assert.That(references, Does.Contain("MigrationTasks.Core"), "the task is an adapter over Core");
        Assert.That(references, Has.None.EqualTo("MigrationTasks.Postgres").And.None.StartsWith("Npgsql").And.None.AnyOf(CommandLineLibraries)
            .And.None.EqualTo("MigrationTasks.Sqlite").And.None.StartsWith("Microsoft.Data.Sqlite"));
    }

    [Test]
    public void The_dialect_references_core_and_no_driver_so_the_msbuild_task_can_load_it()
    {
        var references = References("MigrationTasks.Postgres.Dialect", "MigrationTasks.Postgres.Dialect");

        Assert.That(references, Does.Contain("MigrationTasks.Core"));
        Assert.That(references, Has.None.StartsWith("Npgsql").And.None.StartsWith("Microsoft.Build").And.None.AnyOf(CommandLineLibraries)
            .And.None.EqualTo("MigrationTasks.Postgres").And.None.EqualTo("migrations").And.None.EqualTo("MigrationTasks.Build"));
    }

    [Test]
    public void The_sqlite_dialect_references_core_and_no_driver_so_the_msbuild_task_can_load_it()
    {
        var references = References("MigrationTasks.Sqlite.Dialect", "MigrationTasks.Sqlite.Dialect");

        Assert.That(references, Does.Contain("MigrationTasks.Core"));
        Assert.That(references, Has.None.StartsWith("Microsoft.Data.Sqlite").And.None.StartsWith("SQLitePCL").And.None.StartsWith("Microsoft.Build")
            .And.None.AnyOf(CommandLineLibraries).And.None.EqualTo("MigrationTasks.Sqlite").And.None.EqualTo("migrations"));
    }

    [Test]
    public void The_provider_references_no_front_end()
    {
        var references = References("MigrationTasks.Postgres", "MigrationTasks.Postgres");

        Assert.That(references, Has.None.StartsWith("Microsoft.Build").And.None.AnyOf(CommandLineLibraries)
            .And.None.EqualTo("migrations").And.None.EqualTo("MigrationTasks.Build"));
    }

    [Test]
    public void Only_the_cli_defines_exit_codes()
    {
        var withExitCodes = new[] { ("MigrationTasks.Core", "MigrationTasks.Core"), ("MigrationTasks.Postgres", "MigrationTasks.Postgres"), ("MigrationTasks.Postgres.Dialect", "MigrationTasks.Postgres.Dialect"), ("MigrationTasks.Sqlite", "MigrationTasks.Sqlite"), ("MigrationTasks.Sqlite.Dialect", "MigrationTasks.Sqlite.Dialect"), ("MigrationTasks.Build", "MigrationTasks.Build"), ("MigrationTasks.Cli", "migrations") }
            .Where(a => TypeNames(a.Item1, a.Item2).Any(t => t.Contains("ExitCode", StringComparison.Ordinal)))
            .Select(a => a.Item1);

        Assert.That(withExitCodes, Is.EqualTo(new[] { "MigrationTasks.Cli" }));
    }

    [TestCase("CONCURRENTLY")]
    [TestCase("pg_repack")]
    [TestCase("ACCESS EXCLUSIVE")]
    [TestCase("PostgreSQL")]
    [TestCase("pg_")]
    public void Core_holds_no_postgresql_advice_or_sql(string word)
    {
        // The lint rules' wording and the DROP INDEX for invalid indexes are the PostgreSQL dialect's and provider's (rule ids such as
        // create-index-not-concurrently are the neutral catalogue's, hence the SQL spelling in capitals).
        var literals = Read("MigrationTasks.Core", "MigrationTasks.Core", StringLiterals);

        Assert.That(literals.Where(s => s.Contains(word, StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase("'migrations ")]
    [TestCase("--")]
    public void Core_names_no_command_or_flag_of_a_front_end(string spelling)
    {
        // Core names a setting (SettingNames) or a next step (NextStep) in its own terms; each front end spells it.
        // "--" also starts SQL comments and directives, which Core does read: only "--" followed by a letter is a flag.
        var literals = Read("MigrationTasks.Core", "MigrationTasks.Core", StringLiterals);

        Assert.That(literals.Where(s => spelling == "--" ? Flag.IsMatch(s) : s.Contains(spelling, StringComparison.Ordinal)), Is.Empty);
    }

    private static List<string> StringLiterals(MetadataReader reader)
    {
        var literals = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
        {
            literals.Add(reader.GetUserString(handle));
        }

        return literals;
    }

    private static List<string> References(string project, string assembly) =>
        Read(project, assembly, reader => reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList());

    // Type names and member names alike: an ExitCode property on an exception is as much a leak as an ExitCodes class.
    private static List<string> TypeNames(string project, string assembly) =>
        Read(project, assembly, reader => reader.TypeDefinitions.Select(h => reader.GetString(reader.GetTypeDefinition(h).Name))
            .Concat(reader.PropertyDefinitions.Select(h => reader.GetString(reader.GetPropertyDefinition(h).Name)))
            .ToList());

    private static List<string> Read(string project, string assembly, Func<MetadataReader, List<string>> read)
    {
        // bin/<Configuration>/net10.0/ of this test assembly names the configuration the projects were built in.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(TestRun.RepositoryRoot, "src", project, "bin", configuration, "net10.0", assembly + ".dll");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return read(pe.GetMetadataReader());
    }
}

using MigrationTasks.Execution;

namespace MigrationTasks.Migrator.Tests;

/// <summary>
/// Options the CLI would refuse from migrations.yaml or a flag are refused by the Migrator too, before it reads a
/// file or connects: as a <see cref="MigrationRunException"/> naming the option, not a PostgresException from the
/// middle of a run, a NullReferenceException, or a history table whose trigger names PostgreSQL cut silently.
/// </summary>
public sealed class MigratorOptionsTests
{
    // Port 1 is never a server: a refusal here comes before anything connects.
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Password=hunter2";

    private static readonly TestCaseData[] Refused =
    [
        new TestCaseData(new MigratorOptions { Connection = Unreachable, HistorySchema = "pg_temp" }, "MigratorOptions.HistorySchema", "MT4002").SetArgDisplayNames("a pg_temp history schema"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, HistorySchema = "" }, "MigratorOptions.HistorySchema", "MT4002").SetArgDisplayNames("an empty history schema"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, HistorySchema = null! }, "MigratorOptions.HistorySchema", "MT4002").SetArgDisplayNames("a null history schema"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, HistoryTable = new string('t', 60) }, "MigratorOptions.HistoryTable", "MT4002").SetArgDisplayNames("a history table PostgreSQL would cut"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, HistoryTable = "" }, "MigratorOptions.HistoryTable", "MT4002").SetArgDisplayNames("an empty history table"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, ConnectTimeout = TimeSpan.FromSeconds(-1) }, "MigratorOptions.ConnectTimeout", "MT4002").SetArgDisplayNames("a negative connect timeout"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, LockTimeout = TimeSpan.FromDays(25) }, "MigratorOptions.LockTimeout", "MT4002").SetArgDisplayNames("a lock timeout over 24 days"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, Directory = "" }, "MigratorOptions.Directory", "MT4002").SetArgDisplayNames("an empty directory"),
        new TestCaseData(new MigratorOptions { Connection = Unreachable, Directory = "migrations", Bundle = "publish/migrations" }, "MigratorOptions.Bundle", "MT4002").SetArgDisplayNames("both a directory and a bundle"),
        new TestCaseData(new MigratorOptions { Connection = " " }, "MigratorOptions.Connection", "MT4001").SetArgDisplayNames("a blank connection"),
        new TestCaseData(new MigratorOptions { Connection = "Host=" }, "MigratorOptions.Connection", "MT4001").SetArgDisplayNames("a connection string with a blank host"),
        new TestCaseData(new MigratorOptions { Connection = "postgresql://" }, "MigratorOptions.Connection", "MT4001").SetArgDisplayNames("a blank postgresql URI"),
        new TestCaseData(new MigratorOptions { Connection = ";" }, "MigratorOptions.Connection", "MT4001").SetArgDisplayNames("a connection string of separators only"),
        new TestCaseData(new MigratorOptions { Connection = "sqlite:" }, "MigratorOptions.Connection", "MT4001").SetArgDisplayNames("a blank SQLite connection"),
        new TestCaseData(new MigratorOptions { Connection = "Host=localhost;Pasword=hunter2" }, "MigratorOptions.Connection", "MT4001").SetArgDisplayNames("a misspelt key"),
        new TestCaseData(new MigratorOptions { Connection = "sqlite:app.db", HistoryTable = "" }, "MigratorOptions.HistoryTable", "MT4002").SetArgDisplayNames("an empty SQLite history table"),
    ];

    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("mt-options-").FullName;
        File.WriteAllText(Path.Combine(_folder, "0001_a.sql"), "CREATE TABLE a (id int);");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCaseSource(nameof(Refused))]
    public void An_option_the_cli_would_refuse_is_refused_before_connecting_naming_it(MigratorOptions options, string named, string code)
    {
        // A folder that loads, so that only the option is wrong; a short connect budget, so that a run that does try to connect fails fast.
        options = options.Directory is null && options.Bundle is null ? options with { Directory = _folder } : options;
        var migrator = new Migrator(options.ConnectTimeout == new MigratorOptions { Connection = "" }.ConnectTimeout ? options with { ConnectTimeout = TimeSpan.FromSeconds(1) } : options);

        var failure = Assert.ThrowsAsync<MigrationRunException>(() => migrator.UpAsync());

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.InvalidSetting));
        Assert.That(failure.Diagnostics.Single(), Has.Property("Code").EqualTo(code).And.Property("Message").Contains(named));
        Assert.That(failure.Message, Does.Not.Contain("hunter2"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Down_refuses_fewer_than_one_step_instead_of_reverting_nothing(int steps)
    {
        var failure = Assert.ThrowsAsync<MigrationRunException>(() => new Migrator(new MigratorOptions { Connection = Unreachable, Directory = _folder, ConnectTimeout = TimeSpan.FromSeconds(1) }).DownAsync(steps));

        Assert.That(failure!.Outcome, Is.EqualTo(RunOutcome.InvalidSetting));
        Assert.That(failure.Diagnostics.Single().Message, Does.Contain("steps"));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// What a 50 MB migration does (docs/reliability.md): it is applied like any other, in one
/// transaction, by a runner process whose memory stays within a bound (measured here: about nine times
/// the file); if its last statement fails, the error names that line and the whole file is rolled back.
/// </summary>
[NonParallelizable]
public sealed class LargeMigrationTests
{
    private const int TargetBytes = 50 * 1024 * 1024;
    private const long MemoryBound = 1L << 30;
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(90);

    private string _folder = null!;
    private int _statements;

    [OneTimeSetUp]
    public void WriteTheMigration()
    {
        _folder = Directory.CreateTempSubdirectory("mt-large-").FullName;
        using var writer = new StreamWriter(Path.Combine(_folder, "0001_large.sql"), false, new UTF8Encoding(false));
        writer.Write("CREATE TABLE large (id int PRIMARY KEY, payload text NOT NULL);\n");
        var payload = new string('x', 1000);
        long written = 0;
        for (_statements = 1; written < TargetBytes; _statements++)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"INSERT INTO large VALUES ({_statements}, '{payload}');\n");
            writer.Write(line);
            written += line.Length;
        }
    }

    [OneTimeTearDown]
    public void DeleteTheMigration() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_50_MB_migration_is_applied_in_bounded_time_and_memory()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (result, elapsed, peak) = await RunMeasuredAsync(database, _folder);

        TestContext.Out.WriteLine($"50 MB migration ({_statements} statements): {elapsed.TotalSeconds:0.0} s, peak working set {peak / (1024 * 1024)} MB");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM large"), Is.EqualTo(_statements - 1));
        Assert.That(elapsed, Is.LessThan(TimeBound));
        Assert.That(peak, Is.LessThan(MemoryBound));
    }

    [Test]
    public async Task A_50_MB_migration_failing_at_its_last_line_names_that_line_and_is_rolled_back()
    {
        await using var database = await TestDatabase.CreateAsync();
        var failing = Directory.CreateTempSubdirectory("mt-large-failing-").FullName;
        try
        {
            // A first migration applied beforehand, so the history and audit tables exist and must only gain the failed run's audit row.
            File.WriteAllText(Path.Combine(failing, "0001_first.sql"), "CREATE TABLE first (id int);\n");
            Assert.That((await Tool.RunAsync("up", "--dir", failing, "--connection", database.ConnectionString)).ExitCode, Is.Zero);
            var file = Path.Combine(failing, "0002_large.sql");
            File.Copy(Path.Combine(_folder, "0001_large.sql"), file);
            var lastLine = File.ReadLines(file).Count() + 1;
            File.AppendAllText(file, "INSERT INTO large VALUES (1, 'duplicate key');\n");
            var before = await CatalogFingerprint.TakeAsync(database.ConnectionString, auditRows: false);

            var (result, elapsed, peak) = await RunMeasuredAsync(database, failing);

            TestContext.Out.WriteLine($"failing 50 MB migration: {elapsed.TotalSeconds:0.0} s, peak working set {peak / (1024 * 1024)} MB");
            Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString()[..Math.Min(4000, result.ToString().Length)]);
            Assert.That(result.Error, Does.Contain($"0002_large.sql({lastLine},").And.Contain("error MT3003").And.Contain("23505"));
            Assert.That(await CatalogFingerprint.TakeAsync(database.ConnectionString, auditRows: false), Is.EqualTo(before), "the failed migration was not rolled back");
            Assert.That(elapsed, Is.LessThan(TimeBound));
            Assert.That(peak, Is.LessThan(MemoryBound));
        }
        finally
        {
            Directory.Delete(failing, recursive: true);
        }
    }

    // A real process, so that its peak working set (VmHWM) is the runner's alone, sampled until it exits.
    private static async Task<(CliResult Result, TimeSpan Elapsed, long PeakBytes)> RunMeasuredAsync(TestDatabase database, string migrations)
    {
        var clock = Stopwatch.StartNew();
        using var process = Tool.Start(null, "up", "--dir", migrations, "--connection", database.ConnectionString);
        var wait = Tool.WaitAsync(process, TimeBound * 2);
        long peak = 0;
        while (!wait.IsCompleted)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break; // exited between the check and the read
            }

            await Task.WhenAny(wait, Task.Delay(50));
        }

        var result = await wait;
        return (result, clock.Elapsed, peak);
    }
}

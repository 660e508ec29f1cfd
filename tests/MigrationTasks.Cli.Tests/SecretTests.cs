using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;
using Npgsql;

namespace MigrationTasks.Cli.Tests;

/// <summary>A sentinel password must never reach any output, error or JSON event, whatever happens.</summary>
public sealed class SecretTests
{
    private const string Sentinel = "S3ntinel-Pa55-x9";

    private static string WithPassword(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{builder.Username}:{Sentinel}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    [TestCase("text")]
    [TestCase("json")]
    public async Task The_password_appears_in_no_output_of_success_failure_or_unreachable_runs(string output)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var other = await TestDatabase.CreateAsync();
        using var good = Migrations.Basic();
        using var bad = new Migrations().Add("0001_bad.sql", $"SELECT '{Sentinel.Length}' FROM missing_table;");
        var url = WithPassword(database.ConnectionString);
        var otherUrl = WithPassword(other.ConnectionString);
        var unreachable = $"postgresql://user:{Sentinel}@127.0.0.1:1/db?connect_timeout=1";
        var badParameter = $"postgresql://user:{Sentinel}@127.0.0.1/db?colour=blue";

        var results = new[]
        {
            await Tool.RunAsync("up", "--dir", good.Path, "--connection", url, "--output", output),
            await Tool.RunAsync("status", "--dir", good.Path, "--connection", url, "--output", output),
            await Tool.RunAsync("up", "--dir", bad.Path, "--connection", otherUrl, "--output", output),
            await Tool.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = url }, "plan", "--dir", good.Path, "--output", output),
            await Tool.RunAsync("up", "--dir", good.Path, "--connection", unreachable, "--timeout", "2", "--output", output),
            await Tool.RunAsync("up", "--dir", good.Path, "--connection", badParameter, "--output", output),
        };

        Assert.That(results.Select(r => r.ExitCode), Is.EqualTo(new[] { 0, 0, 6, 0, 5, 2 }), string.Join("\n", results.Select(r => r.ToString())));
        Assert.That(results.Select(r => r.All), Has.None.Contain(Sentinel));
    }

    [TestCase("text")]
    [TestCase("json")]
    public async Task The_password_appears_in_no_output_of_the_lifecycle_commands(string output)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = Migrations.Basic().Add("migrations.yaml", "environments:\n  production:\n    protected: true\n");
        var url = WithPassword(database.ConnectionString);
        var config = Path.Combine(migrations.Path, "migrations.yaml");

        var results = new[]
        {
            await Tool.RunAsync("config", "--connection", url, "--config", config, "--output", output),
            await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", url, "--output", output),
            await Tool.RunAsync("down", "--dir", migrations.Path, "--connection", url, "--output", output),
            await Tool.RunAsync("repair", "--dir", migrations.Path, "--connection", url, "--config", config, "-e", "production", "--output", output),
            await Tool.RunAsync("mark-applied", "1", "--dir", migrations.Path, "--connection", url, "--output", output),
        };

        Assert.That(results.Select(r => r.ExitCode), Is.EqualTo(new[] { 0, 0, 3, 2, 2 }), string.Join("\n", results.Select(r => r.ToString())));
        Assert.That(results.Select(r => r.All), Has.None.Contain(Sentinel));
    }

    // A misspelt or forgotten --connection (`migrations up $DATABASE_URL`) leaves the connection string as a
    // token the usage error echoes: it names the token with the password as ***, and a GitHub step masks it first.
    [TestCase("up", "--conection", "postgresql://app:" + Sentinel + "@db/app")]
    [TestCase("up", "postgresql://app:" + Sentinel + "@db/app")]
    [TestCase("status", "--conection=postgresql://app:" + Sentinel + "@db/app")]
    [TestCase("plan", "host=db user=app password=" + Sentinel)]
    [TestCase("status", "Host=db;Username=app;Password=" + Sentinel)]
    public async Task A_connection_string_where_no_option_takes_it_is_named_without_its_password(string command, params string[] rest)
    {
        var plain = await Tool.RunAsync([command, .. rest]);
        var inStep = await Tool.RunAsync(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }, [command, .. rest]);

        Assert.That(plain.ExitCode, Is.EqualTo(2), plain.ToString());
        Assert.That(plain.Error, Does.Contain("MT4002").And.Contain("***"), "the token is still named, redacted");
        Assert.That(plain.All, Does.Not.Contain(Sentinel));
        Assert.That(inStep.ExitCode, Is.EqualTo(2), inStep.ToString());
        var lines = inStep.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.TakeWhile(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)), Does.Contain($"::add-mask::{Sentinel}"));
        Assert.That(inStep.All.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)), Has.None.Contain(Sentinel));
    }

    // A connection string given where a migration name or a version goes is refused by the command, not the parser:
    // that message echoes the argument too, with its password as ***.
    [TestCase("new", "postgresql://app:" + Sentinel + "@db/app")]
    [TestCase("up", "--target", "postgresql://app:" + Sentinel + "@db/app")]
    [TestCase("verify", "--from", "Host=db;Username=app;Password=" + Sentinel)]
    public async Task A_connection_string_given_as_a_name_or_version_is_echoed_without_its_password(string command, params string[] rest)
    {
        using var folder = new Migrations().Add("0001_a.sql", "SELECT 1;");

        // Refused before any connection is made: nothing answers at this address.
        const string nowhere = "postgresql://app@127.0.0.1:1/app";
        var result = await Tool.RunAsync([command, .. rest, "--dir", folder.Path, .. command == "verify" ? ["--dev-url", nowhere] : command == "up" ? ["--connection", nowhere] : Array.Empty<string>()]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002").And.Contain("***"), "the argument is still named, redacted");
        Assert.That(result.All, Does.Not.Contain(Sentinel));
    }
}

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
}

using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Cli.Tests;

/// <summary>migrations.yaml through the CLI: errors at their line, precedence, and `migrations config`.</summary>
public sealed class ConfigurationTests
{
    [Test]
    public async Task An_unknown_key_is_exit_2_pointing_at_its_line_and_column()
    {
        using var folder = new Migrations().Add("migrations.yaml", "directory: migrations\nlock:\n  timout: 30s\n");

        var result = await Tool.RunAsync("up", "--config", Path.Combine(folder.Path, "migrations.yaml"), "--connection", "Host=127.0.0.1;Port=1;Username=x");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("migrations.yaml(3,3): error MT4003: unknown key 'lock.timout'").And.Contain("timeout"));
    }

    [Test]
    public async Task A_value_of_the_wrong_type_is_exit_2_pointing_at_the_value()
    {
        using var folder = new Migrations().Add("migrations.yaml", "retry:\n  attempts: many\n");

        var result = await Tool.RunAsync("config", "--config", Path.Combine(folder.Path, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("migrations.yaml(2,13): error MT4003: 'retry.attempts' needs a whole number, not 'many'"));
    }

    [Test]
    public async Task Config_prints_each_value_with_its_source_flag_over_environment_over_file_over_default()
    {
        using var folder = new Migrations().Add("migrations.yaml", "history:\n  table: app_history\nlock:\n  timeout: 45s\ntimeout: 600\n");
        var environment = new Dictionary<string, string>
        {
            ["MIGRATION_TIMEOUT"] = "120",
            ["DATABASE_URL"] = "postgresql://app:Sup3rSecret@db.internal:5432/app",
        };

        var result = await Tool.RunAsync(environment, "config", "--config", Path.Combine(folder.Path, "migrations.yaml"), "--lock-timeout", "10");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(@"lock\.timeout\s+10s\s+\(--lock-timeout\)"));
        Assert.That(result.Output, Does.Match(@"\ntimeout\s+120s\s+\(MIGRATION_TIMEOUT\)"));
        Assert.That(result.Output, Does.Match(@"history\.table\s+app_history\s+\(migrations\.yaml:2\)"));
        Assert.That(result.Output, Does.Match(@"history\.schema\s+public\s+\(default\)"));
        Assert.That(result.Output, Does.Match(@"connection\s+\S*db\.internal\S*\s+\(DATABASE_URL\)"));
        Assert.That(result.All, Does.Not.Contain("Sup3rSecret"));
    }

    [Test]
    public async Task Config_keeps_a_long_value_apart_from_its_source()
    {
        using var folder = new Migrations().Add("migrations.yaml", $"directory: {new string('d', 80)}\n");

        var result = await Tool.RunAsync("config", "--config", Path.Combine(folder.Path, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(@"(?m)^directory\s+\S+d{80}\s{2}\(migrations\.yaml:1\)"));
    }

    [Test]
    public async Task Config_refuses_an_empty_connection_option_as_every_run_does()
    {
        // Before: "connection (not set)" and exit 0, while up with the same flag stops with MT4001 (usually an unset CI variable).
        using var folder = new Migrations().Add("migrations.yaml", "directory: sql\n");

        var result = await Tool.RunAsync("config", "--config", Path.Combine(folder.Path, "migrations.yaml"), "--connection", "");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4001").And.Contain("empty value"));
    }

    [Test]
    public async Task Config_shows_the_drift_scope_and_where_it_was_set()
    {
        using var folder = new Migrations().Add("migrations.yaml", "directory: sql\ndrift:\n  exclude: [audit.*, public.tmp_*]\n");

        var result = await Tool.RunAsync("config", "--config", Path.Combine(folder.Path, "migrations.yaml"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match(@"(?m)^drift\.exclude\s+audit\.\*, public\.tmp_\*\s+\(migrations\.yaml:3\)"));
        Assert.That(result.Output, Does.Match(@"(?m)^drift\.schemas\s+\(every user schema\)\s+\(?default"));
    }

    [Test]
    public async Task A_relative_directory_in_the_file_is_relative_to_the_file()
    {
        using var folder = new Migrations().Add("migrations.yaml", "directory: sql\n");

        var result = await Tool.RunAsync("config", "--config", Path.Combine(folder.Path, "migrations.yaml"));

        Assert.That(result.Output, Does.Contain(Path.Combine(folder.Path, "sql")));
    }

    [Test]
    public async Task A_named_config_file_that_does_not_exist_is_exit_2()
    {
        var result = await Tool.RunAsync("config", "--config", "/nonexistent/migrations.yaml");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4003"));
    }

    // A value read from a secret file or a heredoc ends in a newline; it was refused, and the error printed the newline raw.
    [TestCase("30\n", "30s")]
    [TestCase(" 2min\r\n", "120s")]
    [TestCase("\t45\t", "45s")]
    public async Task A_variable_duration_is_read_without_its_surrounding_whitespace(string value, string shown)
    {
        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_TIMEOUT"] = value, ["MIGRATION_LOCK_TIMEOUT"] = value }, "config");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Match($@"\ntimeout\s+{shown}\s+\(MIGRATION_TIMEOUT\)"));
        Assert.That(result.Output, Does.Match($@"\nlock\.timeout\s+{shown}\s+\(MIGRATION_LOCK_TIMEOUT\)"));
    }

    [Test]
    public async Task A_bad_variable_is_echoed_with_its_control_characters_escaped()
    {
        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_TIMEOUT"] = "3\u0007\n0s" }, "config");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MT4002: MIGRATION_TIMEOUT='3\\u0007\\n0s' is not valid"));
        // Char by char: a culture-aware Contains ignores control characters, and would find "\u0007" in any text.
        Assert.That(result.Error.TrimEnd('\n').Where(char.IsControl), Is.Empty, "one line, no raw control character");
    }

    [TestCase("25d")]
    [TestCase("2147483648")]
    public async Task A_variable_duration_too_large_to_read_is_out_of_range_not_misspelt(string value)
    {
        var result = await Tool.RunAsync(new Dictionary<string, string> { ["MIGRATION_TIMEOUT"] = value }, "config");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"MT4002: MIGRATION_TIMEOUT={value} is out of range: it must be 0 (no limit) or a duration up to 2073600 seconds (24 days)"));
    }
}

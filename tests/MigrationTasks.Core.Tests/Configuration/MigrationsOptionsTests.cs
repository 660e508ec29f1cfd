using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Core.Tests.Configuration;

/// <summary>The typed options: one set of defaults, and the values' ranges checked when the file is read.</summary>
public sealed class MigrationsOptionsTests
{
    [Test]
    public void An_empty_file_gives_the_documented_defaults()
    {
        var (configuration, diagnostics) = ConfigurationLoader.Parse("# nothing\n", "migrations.yaml");

        var options = MigrationsOptions.Read(configuration).Options;

        Assert.That(diagnostics, Is.Empty);
        Assert.That((options.Directory, options.Timeout, options.LockTimeout, options.Retry.Attempts),
            Is.EqualTo(("migrations", TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(300), 3)));
    }

    [Test]
    public void Values_out_of_range_are_errors_at_their_line_when_the_file_is_read()
    {
        var (_, diagnostics) = ConfigurationLoader.Parse("retry:\n  attempts: 101\n  initial_delay: 40s\ntimeout: 3000000\n", "migrations.yaml");

        Assert.That(diagnostics.Select(d => (d.Code, d.Line, d.Message)), Is.EqualTo(new[]
        {
            (DiagnosticCodes.InvalidConfiguration, 2, "'retry.attempts' must be between 1 and 100"),
            (DiagnosticCodes.InvalidConfiguration, 3, "'retry.initial_delay' is more than retry.max_delay (30 s): the first wait cannot be longer than the longest one"),
            (DiagnosticCodes.InvalidConfiguration, 4, "'timeout' must be 0 (no limit) or a duration up to 2073600 seconds (24 days)"),
        }));
    }

    // parallel: 0 was read without a word (a fleet then said "--parallel 0", a flag nobody passed), and a value past int's range wrapped around.
    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("2147483648")]
    public void A_tenants_parallel_below_1_or_past_the_range_is_an_error_at_its_line(string value)
    {
        var (_, diagnostics) = ConfigurationLoader.Parse($"tenants:\n  file: tenants.txt\n  parallel: {value}\n", "migrations.yaml");

        Assert.That(diagnostics.Select(d => (d.Code, d.File, d.Line, d.Message)), Is.EqualTo(new[]
        {
            (DiagnosticCodes.InvalidConfiguration, "migrations.yaml", 3, "'tenants.parallel' must be between 1 and 2147483647"),
        }));
    }

    // An environment named "" can never be chosen (an empty --environment or MIGRATION_ENVIRONMENT means none), so its protection protects nothing.
    [TestCase("\"\"")]
    [TestCase("''")]
    [TestCase("\" \"")]
    public void An_environment_with_an_empty_name_is_an_error_at_its_line(string name)
    {
        var (configuration, diagnostics) = ConfigurationLoader.Parse($"environments:\n  production:\n    protected: true\n  {name}:\n    protected: true\n", "migrations.yaml");

        Assert.That(diagnostics.Select(d => (d.Code, d.File, d.Line)), Is.EqualTo(new[] { (DiagnosticCodes.InvalidConfiguration, "migrations.yaml", 4) }));
        Assert.That(diagnostics.Single().Message, Does.StartWith("'environments' has an entry with an empty name"));
        Assert.That(configuration.Environments.Keys, Is.EqualTo(new[] { "production" }));
    }

    [Test]
    public void Values_in_range_are_typed()
    {
        var (configuration, _) = ConfigurationLoader.Parse("timeout: 2min\nlock:\n  timeout: 0\nretry:\n  attempts: 5\n", "migrations.yaml");

        var (options, problems) = MigrationsOptions.Read(configuration);

        Assert.That(problems, Is.Empty);
        Assert.That((options.Timeout, options.LockTimeout, options.Retry.Attempts), Is.EqualTo((TimeSpan.FromMinutes(2), TimeSpan.Zero, 5)));
    }

    // Past int.MaxValue milliseconds (~24.8 days) the duration reader gave up, and the file was told it "needs a
    // duration such as 300 (seconds)", as if 25d were misspelt, without the range the docs promise.
    [TestCase("25d")]
    [TestCase("2147483648")]
    [TestCase("99999999999999999999min")]
    public void A_duration_too_large_to_read_is_out_of_range_not_misspelt(string value)
    {
        var (_, diagnostics) = ConfigurationLoader.Parse($"timeout: {value}\n", "migrations.yaml");

        Assert.That(diagnostics.Select(d => (d.Code, d.Line, d.Message)), Is.EqualTo(new[]
        {
            (DiagnosticCodes.InvalidConfiguration, 1, "'timeout' must be 0 (no limit) or a duration up to 2073600 seconds (24 days)"),
        }));
    }
}

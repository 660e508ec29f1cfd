using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Core.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static (MigrationsConfiguration Configuration, IReadOnlyList<Diagnostic> Diagnostics) Parse(string yaml) =>
        ConfigurationLoader.Parse(yaml, "migrations.yaml");

    [Test]
    public void Every_documented_key_is_read_with_its_type()
    {
        var (configuration, diagnostics) = Parse("""
            directory: db/migrations
            history:
              schema: ops
              table: app_history
            lock:
              key: 42
              timeout: 2min
            timeout: 600
            defaults:
              lock_timeout: 5s
              statement_timeout: 0
            retry:
              attempts: 5
              initial_delay: 500ms
              max_delay: 10s
            environments:
              production:
                protected: true
              dev: {}
            """);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(configuration.Text(ConfigurationKeys.Directory), Is.EqualTo("db/migrations"));
        Assert.That(configuration.Text(ConfigurationKeys.HistorySchema), Is.EqualTo("ops"));
        Assert.That(configuration.Integer(ConfigurationKeys.LockKey), Is.EqualTo(42));
        Assert.That(configuration.Duration(ConfigurationKeys.LockTimeout), Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(configuration.Duration(ConfigurationKeys.Timeout), Is.EqualTo(TimeSpan.FromSeconds(600)));
        Assert.That(configuration.Duration(ConfigurationKeys.DefaultStatementTimeout), Is.EqualTo(TimeSpan.Zero));
        Assert.That(configuration.Integer(ConfigurationKeys.RetryAttempts), Is.EqualTo(5));
        Assert.That(configuration.Environments["production"].Protected, Is.True);
        Assert.That(configuration.Environments["dev"].Protected, Is.False);
        Assert.That(configuration.SourceOf(ConfigurationKeys.LockTimeout), Is.EqualTo("migrations.yaml:7"));
    }

    [Test]
    public void An_unknown_key_is_an_error_at_the_key_with_the_key_it_probably_meant()
    {
        var (_, diagnostics) = Parse("history:\n  tabel: x\n");

        Assert.That(diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "migrations.yaml(2,3): error MT4003: unknown key 'history.tabel'; did you mean 'history.table'? The keys allowed here are: schema, table",
        }));
    }

    [TestCase("timout: 30\n", "did you mean 'timeout'?")]
    [TestCase("enviroments: {}\n", "did you mean 'environments'?")]
    [TestCase("retry:\n  atempts: 3\n", "did you mean 'retry.attempts'?")]
    public void A_misspelt_key_gets_the_nearest_allowed_one(string yaml, string guess)
    {
        var (_, diagnostics) = Parse(yaml);

        Assert.That(diagnostics.Single().Message, Does.Contain(guess));
    }

    [Test]
    public void A_key_far_from_every_allowed_one_gets_no_guess()
    {
        var (_, diagnostics) = Parse("colour: blue\n");

        Assert.That(diagnostics.Single().Message, Does.StartWith("unknown key 'colour'; the keys allowed here are: directory, "));
    }

    // The connection is deliberately not a setting of the file (it holds a password): the error says where it goes instead.
    [TestCase("connection: postgres://app@db/app\n")]
    [TestCase("database_url: postgres://app@db/app\n")]
    public void A_connection_in_the_file_is_sent_to_the_flag_and_the_variables(string yaml)
    {
        var (_, diagnostics) = Parse(yaml);

        Assert.That(diagnostics.Single().Message, Does.Contain("connection option").And.Contain("MIGRATION_DATABASE_URL").And.Not.Contain("postgres://"));
    }

    [Test]
    public void Every_wrong_value_is_reported_at_once_each_at_its_value()
    {
        var (_, diagnostics) = Parse("timeout: soon\nretry:\n  attempts: 2.5\nenvironments:\n  production:\n    protected: yes please\n");

        Assert.That(diagnostics.Select(d => (d.Line, d.Column)), Is.EqualTo(new[] { (1, 10), (3, 13), (6, 16) }));
        Assert.That(diagnostics[0].Message, Does.Contain("'timeout' needs a duration"));
        Assert.That(diagnostics[2].Message, Does.Contain("true or false"));
    }

    [Test]
    public void A_section_given_a_value_is_an_error()
    {
        var (_, diagnostics) = Parse("lock: 30s\n");

        Assert.That(diagnostics.Single().Message, Does.Contain("'lock' must be a mapping"));
        Assert.That(diagnostics.Single().Line, Is.EqualTo(1));
    }

    [Test]
    public void Invalid_yaml_is_an_error_with_its_line()
    {
        var (_, diagnostics) = Parse("directory: a\n  history: [\n");

        Assert.That(diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.InvalidConfiguration));
        Assert.That(diagnostics.Single().Line, Is.GreaterThan(0));
        Assert.That(diagnostics.Single().Message, Does.StartWith("the file is not valid YAML"));
    }

    [Test]
    public void An_empty_file_is_an_empty_configuration()
    {
        var (configuration, diagnostics) = Parse("# nothing yet\n");

        Assert.That(diagnostics, Is.Empty);
        Assert.That(configuration.Values, Is.Empty);
    }

    [TestCase("timeout: 5s\n---\ntimeout: 0\n", 2)]
    [TestCase("---\ntimeout: 5s\n---\ntimeout: 0\n", 3)]
    [TestCase("timeout: 5s\n...\n---\n", 3)]
    [TestCase("timeout: 5s\n--- \nlock:\n  timeout: 1s\n", 2)]
    public void A_second_yaml_document_is_an_error_at_its_start(string yaml, int line)
    {
        var (_, diagnostics) = Parse(yaml);

        Assert.That(diagnostics.Select(d => (d.Code, d.Line)), Is.EqualTo(new[] { ("MT4003", line) }));
        Assert.That(diagnostics[0].Message, Does.Contain("second YAML document"));
    }

    [TestCase("---\ntimeout: 5s\n")]
    [TestCase("timeout: 5s\n...\n")]
    public void One_document_with_its_markers_is_fine(string yaml)
    {
        var (configuration, diagnostics) = Parse(yaml);

        Assert.That(diagnostics, Is.Empty);
        Assert.That(configuration.Duration("timeout"), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_folder_named_as_the_configuration_file_is_said_to_be_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("mt-config-folder-").FullName;
        try
        {
            var (_, diagnostics) = ConfigurationLoader.Load(folder);

            Assert.That(diagnostics.Single().Code, Is.EqualTo("MT4003"));
            Assert.That(diagnostics.Single().Message, Does.Contain("is a folder, not a file").And.Not.Contain("does not exist"));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}

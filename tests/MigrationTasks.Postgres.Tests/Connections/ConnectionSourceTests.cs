using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Postgres.Tests.Connections;

public class ConnectionSourceTests
{
    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables)
        => name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void Command_line_value_wins_over_both_variables()
    {
        var env = Environment(("MIGRATION_DATABASE_URL", "postgresql://m/db"), ("DATABASE_URL", "postgresql://d/db"));

        var resolved = ConnectionSource.Resolve("postgresql://cli/db", env);

        Assert.That(resolved.Value, Is.EqualTo("postgresql://cli/db"));
        Assert.That(resolved.Origin, Is.EqualTo(ConnectionOrigin.CommandLine));
        Assert.That(resolved.OriginName, Is.EqualTo("--connection"));
    }

    [Test]
    public void Migration_database_url_wins_over_database_url()
    {
        var env = Environment(("MIGRATION_DATABASE_URL", "postgresql://m/db"), ("DATABASE_URL", "postgresql://d/db"));

        var resolved = ConnectionSource.Resolve(null, env);

        Assert.That(resolved.Value, Is.EqualTo("postgresql://m/db"));
        Assert.That(resolved.Origin, Is.EqualTo(ConnectionOrigin.MigrationDatabaseUrl));
    }

    [Test]
    public void Database_url_is_used_when_nothing_else_is_set()
    {
        var resolved = ConnectionSource.Resolve(null, Environment(("DATABASE_URL", "postgresql://d/db")));

        Assert.That(resolved.Value, Is.EqualTo("postgresql://d/db"));
        Assert.That(resolved.Origin, Is.EqualTo(ConnectionOrigin.DatabaseUrl));
        Assert.That(resolved.OriginName, Is.EqualTo("DATABASE_URL"));
    }

    [Test]
    public void Blank_variable_counts_as_unset()
    {
        var env = Environment(("MIGRATION_DATABASE_URL", "  "), ("DATABASE_URL", "postgresql://d/db"));

        var resolved = ConnectionSource.Resolve(null, env);

        Assert.That(resolved.Origin, Is.EqualTo(ConnectionOrigin.DatabaseUrl));
    }

    [Test]
    public void No_source_is_an_error_saying_how_to_set_one()
    {
        var e = Assert.Throws<ConnectionStringException>(() => ConnectionSource.Resolve(null, Environment()));

        Assert.That(e.Message, Does.Contain("MIGRATION_DATABASE_URL"));
        Assert.That(e.Message, Does.Contain("--connection"));
    }

    [Test]
    public void Empty_command_line_value_is_an_error_rather_than_a_silent_fallback()
    {
        var env = Environment(("DATABASE_URL", "postgresql://d/db"));

        var e = Assert.Throws<ConnectionStringException>(() => ConnectionSource.Resolve("", env));

        Assert.That(e.Message, Does.Contain("--connection"));
    }

    [Test]
    public void Resolved_value_prints_redacted_with_its_origin()
    {
        var resolved = ConnectionSource.Resolve(null, Environment(("DATABASE_URL", "postgresql://u:S3ntinel-Pa55@d/db")));

        Assert.That(resolved.ToString(), Is.EqualTo("DATABASE_URL: postgresql://u:***@d/db"));
    }

    [Test]
    public void Parse_error_names_the_origin_to_fix()
    {
        var resolved = ConnectionSource.Resolve(null, Environment(("MIGRATION_DATABASE_URL", "mysql://u:S3ntinel-Pa55@d/db")));

        var e = Assert.Throws<ConnectionStringException>(() => resolved.Parse());

        Assert.That(e.Message, Does.StartWith("MIGRATION_DATABASE_URL: "));
        Assert.That(e.ToString(), Does.Not.Contain("S3ntinel-Pa55"));
    }
}

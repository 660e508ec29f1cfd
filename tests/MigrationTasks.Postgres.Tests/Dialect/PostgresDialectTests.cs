using MigrationTasks.Execution;
using MigrationTasks.Postgres.Dialect;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Dialect;

/// <summary>PostgreSQL's failure classification, in the driver-free dialect the engine asks.</summary>
public sealed class PostgresDialectTests
{
    [TestCase("55P03")]
    [TestCase("40P01")]
    [TestCase("40001")]
    public void A_migration_rolled_back_by_a_lost_race_may_be_re_run(string sqlState) =>
        Assert.That(PostgresDialect.Instance.IsRetryable(new MigrationFailure(0, sqlState, "lost")), Is.True);

    [TestCase("23505")] // unique_violation
    [TestCase("57014")] // query_canceled (statement_timeout)
    [TestCase("42P01")] // undefined_table
    [TestCase("57P03")] // cannot_connect_now: transient while connecting, never a reason to re-run a migration
    public void Any_other_failure_is_never_re_run(string sqlState) =>
        Assert.That(PostgresDialect.Instance.IsRetryable(new MigrationFailure(0, sqlState, "failed")), Is.False);

    [TestCase("57P03", true)]
    [TestCase("53300", true)]
    [TestCase("08P01", false)]
    [TestCase("28P01", false)]
    [TestCase(null, false)]
    public void Connect_time_errors_are_transient_by_sqlstate(string? sqlState, bool transient) =>
        Assert.That(PostgresDialect.Instance.IsTransient(sqlState), Is.EqualTo(transient));

    [Test]
    public void The_provider_names_the_postgresql_dialect() =>
        Assert.That(new PostgresProvider(new PostgresSettings(new NpgsqlConnectionStringBuilder("Host=localhost"))).Dialect, Is.SameAs(PostgresDialect.Instance));

    [Test]
    public void The_dialect_assembly_references_no_driver() =>
        Assert.That(typeof(PostgresDialect).Assembly.GetReferencedAssemblies().Select(a => a.Name), Has.None.StartsWith("Npgsql"));
}

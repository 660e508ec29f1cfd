using System.Text;
using MigrationTasks.Core.Tests;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Postgres.Tests.Lint;

/// <summary>Statements the runner can never run truthfully: two-phase commit and COPY with the client. File errors, not waivable lint.</summary>
public sealed class TwoPhaseAndCopyTests
{
    private static List<Diagnostic> Read(string sql, string code)
    {
        var diagnostics = new List<Diagnostic>();
        Linted.Read("0001_x.sql", Encoding.UTF8.GetBytes(sql), diagnostics);
        return diagnostics.Where(d => d.Code == code).ToList();
    }

    [TestCase("", "PREPARE TRANSACTION 'mt'", "PREPARE TRANSACTION")]
    [TestCase("-- migrate:no-transaction\n", "PREPARE TRANSACTION 'mt'", "PREPARE TRANSACTION")]
    [TestCase("", "COMMIT PREPARED 'other'", "COMMIT PREPARED")]
    [TestCase("-- migrate:no-transaction\n", "COMMIT PREPARED 'other'", "COMMIT PREPARED")]
    [TestCase("-- migrate:no-transaction\n", "rollback prepared 'other'", "ROLLBACK PREPARED")]
    public void Two_phase_commit_is_transaction_control_refused_in_every_migration(string header, string statement, string named)
    {
        var errors = Read($"{header}CREATE TABLE t (c int);\n  {statement};\n", DiagnosticCodes.TwoPhaseCommit);

        var error = errors.Single();
        Assert.That(error.Message, Does.StartWith(named).And.Contain("transaction control"));
        Assert.That((error.File, error.Line, error.Column), Is.EqualTo(("0001_x.sql", header.Length == 0 ? 2 : 3, 3)));
        Assert.That(error.IsError, Is.True);
    }

    [Test]
    public void A_waiver_does_not_let_prepare_transaction_through()
    {
        var errors = Read("-- migrate:allow transaction-control we know\nPREPARE TRANSACTION 'mt';\n", DiagnosticCodes.TwoPhaseCommit);

        Assert.That(errors, Has.Count.EqualTo(1));
    }

    [TestCase("COPY users (id, email) FROM stdin", "INSERT ... VALUES")]
    [TestCase("COPY public.users FROM STDIN WITH (FORMAT csv)", "INSERT ... VALUES")]
    [TestCase("COPY users TO STDOUT", "TO STDOUT")]
    [TestCase("COPY (SELECT id FROM users WHERE id > 1) TO STDOUT WITH CSV", "TO STDOUT")]
    public void Copy_with_the_client_is_an_error_that_says_how_to_load_data(string statement, string advice)
    {
        var errors = Read($"CREATE TABLE users (id int, email text);\n\n{statement};\n", DiagnosticCodes.CopyWithClient);

        var error = errors.Single();
        Assert.That(error.Message, Does.Contain(advice));
        Assert.That((error.File, error.Line, error.Column), Is.EqualTo(("0001_x.sql", 3, 1)));
    }

    [Test]
    public void Pg_dump_output_is_refused_at_its_copy_line()
    {
        var errors = Read("SET statement_timeout = 0;\nCOPY public.users (id, email) FROM stdin;\n1\tada@example.com\n\\.\n", DiagnosticCodes.CopyWithClient);

        Assert.That(errors.Single().Line, Is.EqualTo(2));
    }

    [TestCase("COPY users FROM '/var/lib/postgresql/users.csv'")]
    [TestCase("COPY (SELECT 'stdin' FROM users) TO '/tmp/out.csv'")]
    [TestCase("COMMENT ON TABLE users IS 'loaded with COPY FROM STDIN'")]
    [TestCase("PREPARE q AS SELECT 1")]
    public void Server_side_copy_and_lookalikes_are_not_reported(string statement)
    {
        Assert.That(Read(statement + ";", DiagnosticCodes.CopyWithClient).Concat(Read(statement + ";", DiagnosticCodes.TwoPhaseCommit)), Is.Empty);
    }
}

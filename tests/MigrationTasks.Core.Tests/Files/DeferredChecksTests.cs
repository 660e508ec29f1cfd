using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Core.Tests.Files;

/// <summary>
/// Files read as far as their checksums (the runner, before it knows which are applied) give, once checked, what
/// reading them at once gives: the same problems in the same order, the same statements and directives.
/// </summary>
public sealed class DeferredChecksTests
{
    private static MigrationFolder Folder()
    {
        var folder = new MigrationFolder();
        folder.Write("0001_users.sql", "CREATE TABLE users (id int);");
        folder.Write("0002_placeholder.sql", "-- nothing yet\n");
        folder.Write("0003_load.sql", "COPY users FROM STDIN;");
        folder.Write("0003_load.down.sql", "-- migrate:no-transaction\nDROP INDEX CONCURRENTLY users_id;");
        folder.Write("0004_broken.sql", "INSERT INTO users VALUES ('unterminated);");
        folder.Write("create_misnamed.sql", "SELECT 1;");
        return folder;
    }

    [Test]
    public void Checked_later_the_problems_are_those_of_reading_at_once_in_the_same_order()
    {
        using var folder = Folder();
        var atOnce = MigrationDirectory.Load(PostgresDialect.Instance, folder.Path);
        var deferred = MigrationDirectory.Load(PostgresDialect.Instance, folder.Path, deferChecks: true);

        var (checkedLater, added) = deferred.WithChecks(_ => true);

        Assert.That(deferred.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { "MT1001" }), "only the file name is judged before the checks");
        Assert.That(checkedLater.Diagnostics, Is.EqualTo(atOnce.Diagnostics));
        Assert.That(added, Is.EqualTo(atOnce.Diagnostics.Where(d => d.Code != "MT1001")));
        Assert.That(checkedLater.Scripts.Select(s => s.FindingsAt), Is.EqualTo(atOnce.Scripts.Select(s => s.FindingsAt)));
        for (var i = 0; i < atOnce.Migrations.Count; i++)
        {
            Assert.That(checkedLater.Migrations[i].Up.Statements.Select(s => s.Text), Is.EqualTo(atOnce.Migrations[i].Up.Statements.Select(s => s.Text)));
            Assert.That(checkedLater.Migrations[i].Up.Directives, Is.EqualTo(atOnce.Migrations[i].Up.Directives));
            Assert.That(checkedLater.Migrations[i].Checksum, Is.EqualTo(atOnce.Migrations[i].Checksum));
        }
    }

    [Test]
    public void A_script_left_unchecked_reports_nothing_and_is_still_split_when_read()
    {
        using var folder = Folder();
        var deferred = MigrationDirectory.Load(PostgresDialect.Instance, folder.Path, deferChecks: true);

        var (set, added) = deferred.WithChecks(script => !script.Path.EndsWith("0003_load.sql", StringComparison.Ordinal));
        var load = set.Migrations.Single(m => m.Name == "load");

        Assert.That(added.Select(d => d.Code), Does.Not.Contain("MT1023"), "the COPY of 0003 is not judged");
        Assert.That(added.Select(d => d.Code), Does.Contain("MT1008").And.Contain("MT1005"), "the others are");
        Assert.That(load.Up.Statements.Single().Text, Is.EqualTo("COPY users FROM STDIN"));
        Assert.That(load.Down!.Directives.NoTransaction, Is.True);
    }
}

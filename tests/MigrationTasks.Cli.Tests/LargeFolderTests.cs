using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Cli.Tests.Support.Folders;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Issue 13's large fixtures: folders shaped like real projects' in each other tool's layout (hundreds
/// of files between them, <see cref="RealWorldMigrations"/>) run unchanged: <c>up</c>, <c>down --target 0</c>
/// where the tool has downs, and <c>up</c> again; after each up the schema (<see cref="Catalog"/>, our
/// history tables left out) equals the one the other tool's own algorithm builds, replayed with psql
/// from the same files in the tool's order and under its transaction rules (each folder's Apply…).
/// Lint is adopted as a team would (<c>lint.since</c> the last migration): the files have run for years.
/// </summary>
public sealed class LargeFolderTests : DatabaseTest
{
    [Test]
    public async Task A_golang_migrate_folder_of_two_hundred_files_runs_unchanged_to_the_schema_golang_migrate_builds()
    {
        var (migrations, lastVersion) = GolangMigrateFolder.Create(100);
        using var _ = migrations;
        await using var reference = await Testing.TestDatabase.CreateAsync();
        foreach (var up in GolangMigrateFolder.UpFilesInOrder(migrations))
        {
            await Psql.RunAsync(reference, up);
        }

        var schema = await UpDownUpAsync(migrations, LintSince(migrations, lastVersion));

        Assert.That(Directory.GetFiles(migrations.Path, "*.sql"), Has.Length.EqualTo(200));
        Assert.That(schema, Is.EqualTo(await Catalog.SnapshotAsync(reference)));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(100));
    }

    // dbmate's BEGIN/COMMIT and CONCURRENTLY files say transaction:false; node-pg-migrate's SQL files cannot, so it has none.
    [TestCase("dbmate", 20)]
    [TestCase("node-pg-migrate", 0)]
    public async Task A_folder_of_ninety_files_with_up_and_down_sections_runs_unchanged_to_the_schema_its_tool_builds(string tool, int outsideTransactions)
    {
        var (create, applyAsTheToolDoes) = tool == "dbmate"
            ? (DbmateFolder.Create, DbmateFolder.ApplyAsDbmateDoesAsync)
            : ((Func<int, Migrations>)NodePgMigrateFolder.Create, (Func<Migrations, Testing.TestDatabase, Task>)NodePgMigrateFolder.ApplyAsNodePgMigrateDoesAsync);
        using var migrations = create(90);
        await using var reference = await Testing.TestDatabase.CreateAsync();
        await applyAsTheToolDoes(migrations, reference);

        var schema = await UpDownUpAsync(migrations, LintSince(migrations, LastVersion(migrations)));

        Assert.That(Directory.GetFiles(migrations.Path, "*.sql"), Has.Length.EqualTo(90));
        Assert.That(schema, Is.EqualTo(await Catalog.SnapshotAsync(reference)));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE NOT transactional"), Is.EqualTo(outsideTransactions));
    }

    [Test]
    public async Task A_drizzle_folder_of_ninety_nine_files_runs_unchanged_to_the_schema_drizzle_builds()
    {
        using var migrations = DrizzleFolder.Create(90);
        await using var reference = await Testing.TestDatabase.CreateAsync();
        await DrizzleFolder.ApplyAsDrizzleDoesAsync(migrations, reference);
        var options = LintSince(migrations, "9999999999999");

        var up = await Run(migrations, ["up", .. options]);
        var again = await Run(migrations, ["up", .. options]);

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(again.Output, Does.Contain("up to date"), again.ToString());
        Assert.That(Directory.GetFiles(migrations.Path, "*.sql"), Has.Length.EqualTo(99));
        Assert.That(await Catalog.SnapshotAsync(Database), Is.EqualTo(await Catalog.SnapshotAsync(reference)));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history"), Is.EqualTo(99));
    }

    [Test]
    public async Task A_flyway_folder_runs_unchanged_to_the_schema_flyway_builds_and_reruns_a_changed_repeatable_as_flyway_does()
    {
        using var migrations = FlywayFolder.Create(90);
        await using var reference = await Testing.TestDatabase.CreateAsync();
        await FlywayFolder.ApplyAsFlywayDoesAsync(migrations, reference);
        var flywayBuilt = await Catalog.SnapshotAsync(reference);
        var options = LintSince(migrations, "99");

        var up = await Run(migrations, ["up", .. options]);
        var afterUp = await Catalog.SnapshotAsync(Database);
        var down = await Run(migrations, ["down", "--target", "0", .. options]);
        var tablesAfterDown = await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'migrationtasks%'");
        var again = await Run(migrations, ["up", .. options]);
        var afterAgain = await Catalog.SnapshotAsync(Database);
        var changed = Path.Combine(migrations.Path, "R__counts.create-table_t9.sql");
        File.WriteAllText(changed, FlywayFolder.Repeatable("t9", "count(*) FILTER (WHERE note IS NOT NULL)"));
        await FlywayFolder.ApplyScriptAsync(changed, reference);
        var rerun = await Run(migrations, ["up", .. options]);

        Assert.That(Directory.GetFiles(migrations.Path, "*.sql*").Length, Is.EqualTo(200), "90 V and 90 U files, 10 R files and 10 .sql.conf files");
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(afterUp, Is.EqualTo(flywayBuilt));
        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(tablesAfterDown, Is.Zero, "down --target 0 undoes every versioned migration (repeatables stay, as in Flyway)");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(afterAgain, Is.EqualTo(afterUp));
        Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
        Assert.That(rerun.Output, Does.Contain("Applied 1 migration").And.Contain("R__counts.create-table_t9"));
        Assert.That(await Catalog.SnapshotAsync(Database), Is.EqualTo(await Catalog.SnapshotAsync(reference)).And.Not.EqualTo(afterUp));
    }

    // The adopted folder's lint setting: every migration already there is exempt, new ones are held to the rules.
    private static string[] LintSince(Migrations migrations, string lastVersion)
    {
        var config = Path.Combine(migrations.Path, "migrations.yaml");
        File.WriteAllText(config, $"lint:\n  since: {lastVersion}\n");
        return ["--config", config];
    }

    private static string LastVersion(Migrations migrations) =>
        Directory.EnumerateFiles(migrations.Path, "*.sql").Select(f => Path.GetFileName(f).Split('_')[0]).Max(StringComparer.Ordinal)!;
}

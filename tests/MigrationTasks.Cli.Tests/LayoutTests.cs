using MigrationTasks.Bundles;
using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// Other tools' migration folders run as they are (docs/adopting.md): each layout up, down where the
/// tool has one, and up again, against the real server. The fixtures are written here, in each tool's
/// documented format; none is copied from a project.
/// </summary>
public sealed class LayoutTests : DatabaseTest
{
    [Test]
    public async Task A_dbmate_folder_runs_up_down_and_up_again_with_transaction_false_outside_a_transaction()
    {
        using var migrations = new Migrations()
            .Add("20240101120000_create_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n\n-- migrate:down\nDROP TABLE users;\n")
            .Add("20240102120000_users_email.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n\n-- migrate:down\nDROP INDEX users_email;\n");

        var schema = await UpDownUpAsync(migrations);

        Assert.That(schema, Does.Contain("CREATE INDEX users_email ON public.users USING btree (email)"));
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(transactional::text, ',' ORDER BY version) FROM migrationtasks_history"), Is.EqualTo("true,false"));
    }

    [Test]
    public async Task Up_of_a_goose_folder_stops_before_the_database_with_the_file_named()
    {
        // Before: read as our layout, the file ran CREATE TABLE and then its Down section's DROP TABLE, recorded as applied.
        using var migrations = new Migrations()
            .Add("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n\n-- +goose Down\nDROP TABLE users;\n");

        var up = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.EqualTo(3), up.ToString());
        Assert.That(up.Error, Does.Contain("00001_create_users.sql(1").And.Contain("MT1025").And.Contain("goose"));
        Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass('migrationtasks_history') IS NULL"), Is.True);
    }

    [Test]
    public async Task A_node_pg_migrate_folder_runs_up_down_and_up_again()
    {
        using var migrations = new Migrations()
            .Add("1700000000000_create-users.sql", "-- Up Migration\nCREATE TABLE users (id bigint PRIMARY KEY);\n\n-- Down Migration\nDROP TABLE users;\n")
            .Add("1700000001000_add-email.sql", "-- Up Migration\nALTER TABLE users ADD COLUMN email text;\n-- Down Migration\n-- migrate:allow drop-column the column came with this migration\nALTER TABLE users DROP COLUMN email;\n");

        var schema = await UpDownUpAsync(migrations);

        Assert.That(schema, Does.Contain("column users.email text YES"));
    }

    [Test]
    public async Task A_flyway_folder_runs_versions_in_flyways_order_and_undo_files_as_down()
    {
        using var migrations = new Migrations()
            .Add("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
            .Add("U1__create_users.sql", "DROP TABLE users;")
            .Add("V1.1__add_email.sql", "ALTER TABLE users ADD COLUMN email text;")
            .Add("U1.1__add_email.sql", "ALTER TABLE users DROP COLUMN email;")
            .Add("V2_1__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);")
            .Add("U2_1__create_orders.sql", "DROP TABLE orders;");

        var schema = await UpDownUpAsync(migrations);

        Assert.That(schema, Does.Contain("column orders.user_id bigint YES").And.Contain("column users.email text YES"));
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(version::text || ' ' || name, ',' ORDER BY version) FROM migrationtasks_history"),
            Is.EqualTo("1 create_users,1.1 add_email,2.1 create_orders"));
    }

    [Test]
    public async Task A_flyway_repeatable_migration_runs_after_the_versions_and_again_only_when_it_changes()
    {
        using var migrations = new Migrations()
            .Add("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);")
            .Add("R__user_emails.sql", "CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;");
        var first = await Run(migrations, "up");
        var unchanged = await Run(migrations, "up");

        migrations.Add("R__user_emails.sql", "CREATE OR REPLACE VIEW user_emails AS SELECT email, id FROM users;");
        var changed = await Run(migrations, "up");

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Output, Does.Contain("Applied 2 migration"));
        Assert.That(unchanged.Output, Does.Contain("up to date"), unchanged.ToString());
        Assert.That(changed.ExitCode, Is.Zero, changed.ToString());
        Assert.That(changed.Output, Does.Contain("R__user_emails").And.Contain("Applied 1 migration"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'user_emails'"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM migrationtasks_history WHERE name = 'user_emails' AND version < 0"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_drizzle_folder_runs_in_journal_order_and_splits_on_statement_breakpoints()
    {
        using var migrations = new Migrations()
            .Add("0000_brave_users.sql", "CREATE TABLE \"users\" (\n\t\"id\" serial PRIMARY KEY NOT NULL\n)\n--> statement-breakpoint\nCREATE TABLE \"teams\" (\"id\" serial PRIMARY KEY NOT NULL);")
            .Add("0001_quiet_orders.sql", "CREATE TABLE \"orders\" (\"id\" serial PRIMARY KEY NOT NULL, \"user_id\" integer);");
        DrizzleJournal.Write(migrations, (1700000000000, "0000_brave_users"), (1700000100000, "0001_quiet_orders"));

        var up = await Run(migrations, "up");
        var again = await Run(migrations, "up");

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        Assert.That(again.Output, Does.Contain("up to date"), again.ToString());
        Assert.That(await Catalog.SnapshotAsync(Database), Does.Contain("column teams.id").And.Contain("column users.id").And.Contain("column orders.user_id"));
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(version::text || ' ' || name, ',' ORDER BY version) FROM migrationtasks_history"),
            Is.EqualTo("1700000000000 0000_brave_users,1700000100000 0001_quiet_orders"));
    }

    [Test]
    public async Task A_folder_that_mixes_two_layouts_is_refused_naming_a_file_of_each()
    {
        using var migrations = new Migrations()
            .Add("20240101120000_create_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n")
            .Add("V2__create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");

        var result = await Run(migrations, "up");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1024").And.Contain("V2__create_orders.sql").And.Contain("20240101120000_create_users.sql"));
        Assert.That(await Database.ScalarAsync<bool>("SELECT to_regclass('migrationtasks_history') IS NULL"), Is.True);
    }

    [Test]
    public async Task A_golang_migrate_folder_with_non_ascii_names_runs_up_down_and_up_again()
    {
        // Before: MT1001 "the name contains 'ñ'", though golang-migrate runs these files.
        using var migrations = new Migrations()
            .Add("000001_añadir_usuarios.up.sql", "CREATE TABLE usuarios (id bigint PRIMARY KEY);")
            .Add("000001_añadir_usuarios.down.sql", "DROP TABLE usuarios;");

        var schema = await UpDownUpAsync(migrations);

        Assert.That(schema, Does.Contain("usuarios"));
        Assert.That(await Database.ScalarAsync<string>("SELECT name FROM migrationtasks_history"), Is.EqualTo("añadir_usuarios"));
    }

    [Test]
    public async Task Format_forces_the_layout_from_the_flag_and_from_migrations_yaml()
    {
        using var migrations = new Migrations().Add("V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        var config = Path.Combine(migrations.Path, "migrations.yaml");
        File.WriteAllText(config, "format: migrationtasks\n");

        var forcedByFlag = await Run(migrations, "up", "--format", "migrationtasks");
        var forcedByFile = await Run(migrations, "up", "--config", config);
        var unknown = await Run(migrations, "up", "--format", "liquibase");
        var detected = await Run(migrations, "up");

        Assert.That(forcedByFlag.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), forcedByFlag.ToString());
        Assert.That(forcedByFlag.Error, Does.Contain("MT1001").And.Contain("V1__create_users.sql"));
        Assert.That(forcedByFile.ExitCode, Is.EqualTo(ExitCodes.InvalidMigrations), forcedByFile.ToString());
        Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.Usage), unknown.ToString());
        Assert.That(unknown.Error, Does.Contain("flyway"));
        Assert.That(detected.ExitCode, Is.Zero, detected.ToString());
    }

    [Test]
    public async Task A_bundle_of_a_dbmate_folder_runs_its_up_sections_as_the_folder_does()
    {
        using var migrations = new Migrations()
            .Add("20240101120000_create_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n-- migrate:down\nDROP TABLE users;\n")
            .Add("20240102120000_users_email.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n-- migrate:down\nDROP INDEX users_email;\n");
        var bundle = Path.Combine(Path.GetTempPath(), "mt-bundle-" + Guid.NewGuid().ToString("N"));
        try
        {
            BundleWriter.Write(MigrationDirectory.Load(PostgresDialect.Instance, migrations.Path), bundle, "0.1.0");

            var up = await Tool.RunAsync("up", "--bundle", bundle, "--connection", Database.ConnectionString);
            var fromFolder = await Run(migrations, "status");

            Assert.That(up.ExitCode, Is.Zero, up.ToString());
            Assert.That(File.ReadAllText(Path.Combine(bundle, "manifest.json")), Does.Contain("\"layout\": \"dbmate\""));
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(transactional::text, ',' ORDER BY version) FROM migrationtasks_history"), Is.EqualTo("true,false"));
            Assert.That(fromFolder.ExitCode, Is.Zero, fromFolder.ToString());
            Assert.That(fromFolder.Output, Does.Contain("2 applied, 0 pending"));
        }
        finally
        {
            Directory.Delete(bundle, recursive: true);
        }
    }
}

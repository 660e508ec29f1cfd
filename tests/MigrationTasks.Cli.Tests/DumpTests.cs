using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests;

/// <summary><c>migrations dump</c>: the schema as text for review, the same bytes for the same schema.</summary>
public sealed class DumpTests : DatabaseTest
{
    [Test]
    public async Task Two_databases_migrated_from_the_same_folder_dump_byte_for_byte_the_same()
    {
        // Given two databases migrated from one folder, the second under another time zone
        using var migrations = Migrations.Basic().Add("0004_defaults.sql", "ALTER TABLE orders ADD placed timestamptz DEFAULT '2024-01-01 10:00+02';");
        await using var other = await TestDatabase.CreateAsync();
        var otherConnection = new Npgsql.NpgsqlConnectionStringBuilder(other.ConnectionString) { Timezone = "Asia/Kolkata" }.ToString();
        Assert.That((await Run(migrations, "up")).ExitCode, Is.EqualTo(0));
        Assert.That((await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", otherConnection)).ExitCode, Is.EqualTo(0));
        var first = Path.Combine(migrations.Path, "first.sql");
        var second = Path.Combine(migrations.Path, "second.sql");

        // When each is dumped
        var result = await Run(migrations, "dump", "--out", first);
        await Tool.RunAsync("dump", "--out", second, "--dir", migrations.Path, "--connection", otherConnection);

        // Then the files are identical and read as SQL with a comment per object
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await File.ReadAllBytesAsync(second), Is.EqualTo(await File.ReadAllBytesAsync(first)));
        var text = await File.ReadAllTextAsync(first);
        Assert.That(text, Does.Contain("\n-- table public.orders\n"));
        Assert.That(text, Does.Contain("--   default: '2024-01-01 08:00:00+00'::timestamp with time zone\n"));
        Assert.That(text, Does.Contain("CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id);\n"));
        Assert.That(text, Does.Not.Contain("migrationtasks_history").And.Not.Contain("\r"));
    }

    [Test]
    public async Task Dump_to_stdout_writes_the_schema_there()
    {
        using var migrations = Migrations.Basic();
        Assert.That((await Run(migrations, "up")).ExitCode, Is.EqualTo(0));

        var result = await Run(migrations, "dump", "--out", "-");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.StartWith("-- migrationtasks schema fingerprint v1\n-- sha256:"));
        Assert.That(result.Output, Does.Contain("-- column public.users.email\n--   position: 2\n--   type: text\n--   not_null: yes\n"));
    }
}

using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests;

/// <summary>
/// The README's exit-code table. Codes provoked elsewhere: 3 (UpTests, DownTests), 4 (ConcurrencyTests),
/// 6 and 7 (UpTests, RepairAndResumeTests, TransactionsAsMeantTests), 8 (ImportTests), 9 (DriftTests), 130 and 143 (CancellationTests).
/// </summary>
public sealed class ExitCodeTests
{
    [Test]
    public async Task An_unknown_option_is_exit_2()
    {
        var result = await Tool.RunAsync("up", "--no-such-option");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [TestCase("up", "--timeout", "abc")]
    [TestCase("up", "--lock-timeout", "5s")]
    [TestCase("down", "--steps", "two")]
    [TestCase("up", "--parallel", "1.5")]
    public async Task A_flag_that_wants_a_number_names_itself_and_the_value_not_a_dotnet_type(string command, string flag, string value)
    {
        var result = await Tool.RunAsync(command, flag, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"error MT4002: {flag}: '{value}' is not a whole number"));
        Assert.That(result.Error, Does.Not.Contain("System.").And.Not.Contain("Nullable"));
    }

    // Past int's range the parser refused a number with its own words ("too large; the most it takes is 2147483647", and the
    // usage line) where a smaller bad value got the setting's range: every out-of-range number now gets the setting's error.
    [TestCase("status", "--timeout", "2147483648", "3000000")]
    [TestCase("status", "--timeout", "99999999999999999999", "-1")]
    [TestCase("status", "--lock-timeout", "-2147483649", "-5")]
    [TestCase("down", "--steps", "2147483648", "0")]
    [TestCase("up", "--parallel", "99999999999", "0")]
    public async Task A_number_past_the_whole_number_range_gets_the_range_error_a_smaller_bad_one_gets(string command, string flag, string huge, string small)
    {
        using var migrations = Migrations.Basic();
        // Port 1 is never a server: each range is checked before anything connects.
        string[] rest = ["--dir", migrations.Path, "--connection", "Host=127.0.0.1;Port=1;Username=x", .. flag == "--parallel" ? new[] { "--tenants-file", "tenants.txt" } : []];

        var tooLarge = await Tool.RunAsync([command, flag, huge, .. rest]);
        var tooSmall = await Tool.RunAsync([command, flag, small, .. rest]);

        Assert.That(tooSmall.ExitCode, Is.EqualTo(2), tooSmall.ToString());
        Assert.That(tooSmall.Error, Does.Contain(flag).And.Contain(small).And.Match("MT40[0-9][0-9]"));
        Assert.That(tooLarge.ExitCode, Is.EqualTo(2), tooLarge.ToString());
        // The same words with the other number in them (where it stands alone, not the 0 of MT4002).
        Assert.That(tooLarge.Error, Is.EqualTo(System.Text.RegularExpressions.Regex.Replace(tooSmall.Error, $@"(?<![\w-]){System.Text.RegularExpressions.Regex.Escape(small)}(?!\w)", huge)));
    }

    [Test]
    public async Task No_database_configured_is_exit_2_saying_how_to_set_one()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("MIGRATION_DATABASE_URL"));
    }

    [Test]
    public async Task Invalid_migration_files_are_exit_3_before_any_connection()
    {
        using var migrations = new Migrations().Add("create_users.sql", "SELECT 1;");

        // Port 1 is never a PostgreSQL server: exit 3 proves the files were checked first.
        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "Host=127.0.0.1;Port=1;Username=x");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("MT1001").And.Contain("create_users.sql"));
    }

    [Test]
    public async Task An_unreachable_database_is_exit_5_after_retrying_until_the_timeout()
    {
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "Host=127.0.0.1;Port=1;Username=x", "--timeout", "2");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3002"));
    }

    [Test]
    public async Task A_missing_database_fails_at_once_without_retrying()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = Migrations.Basic();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "no_such_database" }.ToString();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", missing, "--timeout", "60");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("no_such_database").And.Not.Contain("retry"));
    }

    [Test]
    public async Task An_unexpected_database_state_is_exit_1_with_the_error_and_no_stack_trace()
    {
        // A table by our name with another shape: nothing the tool can fix, so it is an internal error.
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync("CREATE TABLE migrationtasks_history (version text)");
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync("status", "--dir", migrations.Path, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3009").And.Contain("42703").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Success_is_exit_0()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var migrations = Migrations.Basic();

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task A_sqlite_run_over_the_timeout_is_exit_5_with_the_migration_rolled_back_not_an_internal_error()
    {
        // The timeout interrupts SQLite (sqlite3_interrupt), whose SQLITE_INTERRUPT came out as MT3009, exit 1.
        using var migrations = new Migrations().Add("0001_a.sql", "CREATE TABLE a (id INTEGER);")
            .Add("0002_slow.sql", "CREATE TABLE b (id INTEGER);\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) SELECT count(*) FROM c;");
        var file = System.IO.Path.Combine(migrations.Path, "app.db");

        var result = await Tool.RunAsync("up", "--dir", migrations.Path, "--connection", "sqlite:" + file, "--timeout", "2");

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(result.Error, Does.Contain("MT3008").And.Not.Contain("MT3009"));
        Assert.That(SqliteFile.Count(file, "SELECT count(*) FROM sqlite_master WHERE name = 'b'"), Is.Zero, "0002 rolled back");
    }
}

using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>A fixture with a fresh database per test and a way to run the CLI against it.</summary>
public abstract class DatabaseTest
{
    protected TestDatabase Database { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabase() => Database = await TestDatabase.CreateAsync();

    [TearDown]
    public async Task DropDatabase() => await Database.DisposeAsync();

    /// <summary>Runs <c>migrations &lt;args&gt; --dir &lt;folder&gt; --connection &lt;this database&gt;</c> in-process.</summary>
    private protected Task<CliResult> Run(Migrations migrations, params string[] args) =>
        Tool.RunAsync([.. args, "--dir", migrations.Path, "--connection", Database.ConnectionString]);

    /// <summary>Runs each statement on its own, in order.</summary>
    protected async Task SqlAsync(params string[] statements)
    {
        foreach (var statement in statements)
        {
            await Database.ExecuteAsync(statement);
        }
    }

    // Up, down to nothing, up again: both ups must leave the same schema, and the down none at all.
    private protected async Task<string> UpDownUpAsync(Migrations migrations, params string[] options)
    {
        var up = await Run(migrations, ["up", .. options]);
        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        var schema = await Catalog.SnapshotAsync(Database);

        var down = await Run(migrations, ["down", "--target", "0", .. options]);
        Assert.That(down.ExitCode, Is.Zero, down.ToString());
        Assert.That(await Catalog.SnapshotAsync(Database), Is.Empty);

        var again = await Run(migrations, ["up", .. options]);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(await Catalog.SnapshotAsync(Database), Is.EqualTo(schema));
        return schema;
    }
}

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
}

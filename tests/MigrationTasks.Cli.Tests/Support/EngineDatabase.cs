using MigrationTasks.Testing;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>
/// A throwaway database of one engine, for the tests that prove the same behaviour on every engine
/// (<see cref="EngineContractTests"/>): PostgreSQL's from the test cluster, SQLite's a file in a temp folder.
/// The SQL the tests send is written for both, except where an engine needs its own (<see cref="SlowStatement"/>).
/// </summary>
internal abstract class EngineDatabase : IAsyncDisposable
{
    public const string Postgres = "postgresql";
    public const string Sqlite = "sqlite";

    public abstract string ConnectionString { get; }

    /// <summary>A statement that runs for a few seconds, to kill or race a runner in the middle of it.</summary>
    public abstract string SlowStatement { get; }

    public abstract Task<long> CountAsync(string sql);

    public abstract Task<bool> TableExistsAsync(string table);

    /// <summary>A change made by hand, outside the migrations.</summary>
    public abstract Task ExecuteAsync(string sql);

    public abstract ValueTask DisposeAsync();

    public static async Task<EngineDatabase> CreateAsync(string engine) => engine switch
    {
        Postgres => new PostgresEngine(await TestDatabase.CreateAsync()),
        Sqlite => new SqliteEngine(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "no such engine"),
    };

    private sealed class PostgresEngine(TestDatabase database) : EngineDatabase
    {
        public override string ConnectionString => database.ConnectionString;

        public override string SlowStatement => "SELECT pg_sleep(4)";

        public override async Task<long> CountAsync(string sql) => await database.ScalarAsync<long>(sql);

        public override Task<bool> TableExistsAsync(string table) => database.TableExistsAsync("public", table);

        public override Task ExecuteAsync(string sql) => database.ExecuteAsync(sql);

        public override ValueTask DisposeAsync() => database.DisposeAsync();
    }

    private sealed class SqliteEngine : EngineDatabase
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("mt-sqlite-").FullName;

        public string Path => System.IO.Path.Combine(_folder, "app.db");

        public override string ConnectionString => "sqlite:" + Path;

        // About four seconds of CPU in SQLite's VM on this machine: it has no sleep function.
        public override string SlowStatement => "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 40000000) SELECT count(*) FROM c";

        public override Task<long> CountAsync(string sql) => Task.FromResult(SqliteFile.Count(Path, sql));

        // The names the tests pass are their own literals.
        public override Task<bool> TableExistsAsync(string table) =>
            Task.FromResult(File.Exists(Path) && SqliteFile.Count(Path, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") > 0);

        public override Task ExecuteAsync(string sql)
        {
            using var connection = SqliteFile.Open(Path);
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}

using MigrationTasks.Postgres;
using MigrationTasks.Sqlite;

namespace MigrationTasks.Cli.Commands;

/// <summary>The engine a run's connection names, with the settings of its provider: one of the records below.</summary>
internal abstract record EngineSettings;

internal sealed record PostgresEngine(PostgresSettings Settings) : EngineSettings;

internal sealed record SqliteEngine(SqliteSettings Settings) : EngineSettings;

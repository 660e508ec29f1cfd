using System.CommandLine;

namespace MigrationTasks.Cli.Commands;

/// <summary>The options shared by the commands; flags win over environment variables, which win over defaults.</summary>
internal static class CliOptions
{
    public static readonly Option<string> Directory = new("--dir")
    {
        Description = "The folder that holds the migration .sql files",
        DefaultValueFactory = _ => "migrations",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection", "-c")
    {
        Description = "The database: a postgres:// URI or an Npgsql connection string (default: MIGRATION_DATABASE_URL, then DATABASE_URL)",
        Recursive = true,
    };

    public static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "Output format: text for people, json for one JSON event per line",
        DefaultValueFactory = _ => "text",
        Recursive = true,
    };

    public static readonly Option<int?> LockTimeout = new("--lock-timeout")
    {
        Description = "Seconds to wait for another runner's migration lock (default: MIGRATION_LOCK_TIMEOUT, then 300)",
        Recursive = true,
    };

    public static readonly Option<int?> Timeout = new("--timeout")
    {
        Description = "Seconds the whole run may take, connecting included (default: MIGRATION_TIMEOUT, then 300)",
        Recursive = true,
    };

    public static readonly Option<string?> Bundle = new("--bundle")
    {
        Description = "Run the bundle in this folder (the migrations/ folder of 'dotnet publish'), verified before connecting; replaces --dir",
    };

    public static readonly Option<string?> Target = new("--target")
    {
        Description = "Apply (or plan) pending migrations up to and including this version",
    };

    public static readonly Option<bool> FailOnPending = new("--fail-on-pending")
    {
        Description = "Exit with code 3 when any migration is pending",
    };

    static CliOptions()
    {
        Output.AcceptOnlyFromAmong("text", "json");
    }
}

using System.CommandLine;

namespace MigrationTasks.Cli.Commands;

/// <summary>The options shared by the commands; flags win over environment variables, which win over defaults.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> Directory = new("--dir")
    {
        Description = "The folder that holds the migration .sql files (default: 'directory' in migrations.yaml, then ./migrations)",
        Recursive = true,
    };

    public static readonly Option<string?> Format = new("--format")
    {
        Description = "The folder's layout: auto (default: 'format' in migrations.yaml, then detected), migrationtasks, golang-migrate, dbmate, flyway, drizzle or node-pg-migrate",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "The configuration file (default: MIGRATION_CONFIG, then ./migrations.yaml when it exists)",
        Recursive = true,
    };

    public static readonly Option<string?> Environment = new("--environment", "-e")
    {
        Description = "The environment, one of those under 'environments:' in migrations.yaml (default: MIGRATION_ENVIRONMENT)",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection", "-c")
    {
        Description = "The database: a postgres:// URI or an Npgsql connection string, or a SQLite file as sqlite:path or Data Source=path (default: MIGRATION_DATABASE_URL, then DATABASE_URL)",
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
        Description = "Seconds to wait for another runner's migration lock (default: MIGRATION_LOCK_TIMEOUT, then lock.timeout in migrations.yaml, then 300)",
        CustomParser = WholeNumber.Parse,
        Recursive = true,
    };

    public static readonly Option<int?> Timeout = new("--timeout")
    {
        Description = "Seconds the whole run may take, connecting included (default: MIGRATION_TIMEOUT, then timeout in migrations.yaml, then 300)",
        CustomParser = WholeNumber.Parse,
        Recursive = true,
    };

    public static readonly Option<string?> Bundle = new("--bundle")
    {
        Description = "Run the bundle in this folder (the migrations/ folder of 'dotnet publish'), verified before connecting; replaces --dir",
    };

    public static readonly Option<string?> Target = new("--target")
    {
        Description = "up and plan: apply pending migrations up to and including this version; down: revert every migration above it (0 reverts all)",
    };

    public static readonly Option<bool> Force = new("--force")
    {
        Description = "Run a destructive command (down, baseline, mark-applied, repair) in a protected environment",
    };

    public static readonly Option<int?> Steps = new("--steps")
    {
        Description = "up: apply at most this many pending migrations, the first in order; down: how many of the latest applied migrations to revert (default 1)",
        CustomParser = WholeNumber.Parse,
    };

    public static readonly Option<bool> Down = new("--down")
    {
        Description = "Preview a revert (with --steps or --target) instead of an upgrade",
    };

    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = $"Show the plan instead of applying it (as {EnvironmentSettings.DryRun}=true does); nothing is written",
    };

    public static readonly Option<bool> Resume = new("--resume")
    {
        Description = "Continue a failed no-transaction migration from its failed statement, if the statements before it are unchanged",
    };

    public static readonly Option<bool> FailOnPending = new("--fail-on-pending")
    {
        Description = "Exit with code 3 when any migration is pending",
    };

    public static readonly Option<bool> NoBackup = new("--no-backup")
    {
        Description = "SQLite: do not back up the database file before changing it (a failed run then keeps what its migrations committed); for CI databases",
    };

    static CliOptions()
    {
        Output.AcceptOnlyFromAmong("text", "json");
    }
}

using System.CommandLine;
using MigrationTasks.Cli.Commands;

namespace MigrationTasks.Cli.Fleets;

/// <summary>The options that turn a database command into a fleet run: which tenants, how many at once, which shard, what report.</summary>
internal static class FleetOptions
{
    public static readonly Option<string?> TenantsQuery = new("--tenants-query")
    {
        Description = "Run on every tenant this SQL returns: column 1 is the key, optional columns schema and connection_string, the rest are tags (default: tenants.query in migrations.yaml)",
    };

    public static readonly Option<string?> TenantsFile = new("--tenants-file")
    {
        Description = "Run on every tenant this file lists: one key per line (the key is the schema), or a JSON array (default: tenants.file in migrations.yaml)",
    };

    public static readonly Option<string?> TenantsConnection = new("--tenants-connection")
    {
        Description = "Run --tenants-query on this database instead of the main connection",
    };

    public static readonly Option<bool> AllowEmpty = new("--allow-empty")
    {
        Description = "An empty tenant list is a successful no-op instead of an error",
    };

    public static readonly Option<int?> Parallel = new("--parallel")
    {
        Description = "Tenants migrated at once (default 1); each has its own work and lock connections",
        CustomParser = WholeNumber.Parse,
    };

    public static readonly Option<string?> Canary = new("--canary")
    {
        Description = "Comma-separated globs of tenant keys run first, one at a time; a canary failure stops the run",
    };

    public static readonly Option<string?> OnError = new("--on-error")
    {
        Description = "What a failed tenant does: fail (start no further tenant; the default of up, down, baseline, import) or continue (the default of status, plan, drift, dump)",
    };

    public static readonly Option<int?> MaxFailures = new("--max-failures")
    {
        Description = "With --on-error continue, stop starting tenants after this many failures",
        CustomParser = WholeNumber.Parse,
    };

    public static readonly Option<string?> Shard = new("--shard")
    {
        Description = "Run only shard i of n (i/n, 0-based): the tenants whose key hashes to i",
    };

    public static readonly Option<int?> ShardCount = new("--shard-count")
    {
        Description = "Run shard JOB_COMPLETION_INDEX of this many (a Kubernetes Indexed Job)",
        CustomParser = WholeNumber.Parse,
    };

    public static readonly Option<string?> Report = new("--report")
    {
        Description = "Write the fleet's result as JSON to this file: per tenant key, shard, status, from and to versions, applied migrations, time and error",
    };

    public static readonly IReadOnlyList<Option> All =
        [TenantsQuery, TenantsFile, TenantsConnection, AllowEmpty, Parallel, Canary, OnError, MaxFailures, Shard, ShardCount, Report];

    /// <summary>Adds the fleet options to a database command.</summary>
    public static Command WithFleetOptions(this Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        return command;
    }
}

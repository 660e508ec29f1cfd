using System.CommandLine;
using System.Globalization;
using MigrationTasks.Cli.Commands;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Fleets;
using Keys = MigrationTasks.Configuration.ConfigurationKeys;

namespace MigrationTasks.Cli.Fleets;

/// <summary>Where a fleet's tenants come from: a query (on the main connection or its own) or a file.</summary>
internal sealed record TenantSource(string? Query, string? File, Setting<string>? QueryConnection, bool AllowEmpty)
{
    public string Name => Query is not null ? "the tenants query" : $"the tenants file '{File}'";

    /// <summary>How messages name the query's own connection: the flag, or the key and line of migrations.yaml.</summary>
    public string QueryConnectionName => QueryConnection?.Source is { } source && source != FleetOptions.TenantsConnection.Name
        ? $"{Configuration.ConfigurationKeys.TenantsConnection} ({source})"
        : FleetOptions.TenantsConnection.Name;
}

/// <summary>
/// A fleet run's settings, flag over migrations.yaml (<c>tenants:</c>): null when neither names a tenant
/// source, and the command runs on its one connection as before. Every bad value is MT4033, exit 2.
/// </summary>
internal sealed record FleetSettings(TenantSource Tenants, FleetSchedule Schedule, Shard Shard, string? ReportPath)
{
    public const string ShardIndexVariable = "JOB_COMPLETION_INDEX";

    public static FleetSettings? Resolve(ParseResult parse, EffectiveSettings effective, EnvironmentSettings environment, CommandTraits traits)
    {
        // Flag over migrations.yaml's tenants:, layered as every other setting is; a path in the file is relative to it.
        var layers = new SettingLayers(parse, environment, effective.ConfigValues);
        var query = layers.Flag(FleetOptions.TenantsQuery) ?? layers.IfSet<string>(Keys.TenantsQuery);
        var tenantsFile = layers.Flag(FleetOptions.TenantsFile) ?? (layers.IfSet<string>(Keys.TenantsFile) is { } inFile ? inFile with { Value = layers.NextToFile(inFile.Value) } : null);
        if (query is null && tenantsFile is null)
        {
            return FleetOnly(parse) is { } stray
                ? throw Invalid($"{stray} applies to a fleet run; name the tenants with --tenants-query or --tenants-file (or tenants: in migrations.yaml)")
                : null;
        }

        if (layers.Flag(FleetOptions.TenantsQuery) is not null && layers.Flag(FleetOptions.TenantsFile) is not null)
        {
            throw Invalid("--tenants-query and --tenants-file both name the tenants; pass one of them");
        }

        var source = new TenantSource(query?.Value, query is null ? tenantsFile?.Value : null,
            layers.Flag(FleetOptions.TenantsConnection) ?? layers.IfSet<string>(Keys.TenantsConnection),
            (layers.Switch(FleetOptions.AllowEmpty) ?? layers.IfSet<bool>(Keys.TenantsAllowEmpty))?.Value ?? false);
        var parallel = (layers.Number(FleetOptions.Parallel) ?? (layers.IfSet<long>(Keys.TenantsParallel) is { } inYaml ? new((int)inYaml.Value, inYaml.Source) : null))?.Value ?? 1;
        var maxFailures = layers.Number(FleetOptions.MaxFailures)?.Value;
        if (parallel < 1 || maxFailures < 1)
        {
            throw Invalid(parallel < 1 ? $"--parallel {WholeNumber.Typed(parse, FleetOptions.Parallel)} {Between1AndMost}" : $"--max-failures {WholeNumber.Typed(parse, FleetOptions.MaxFailures)} {Between1AndMost}");
        }

        // A check that changes nothing goes on by default: a drifted tenant is a finding, and the others still need checking.
        var onError = layers.Flag(FleetOptions.OnError)?.Value switch
        {
            null when traits.ChangesNothing => FleetErrorPolicy.Continue,
            null or "fail" => maxFailures is null ? FleetErrorPolicy.Fail : FleetErrorPolicy.Continue,
            "continue" => FleetErrorPolicy.Continue,
            var other => throw Invalid($"--on-error '{other}' is not a policy; use fail or continue"),
        };
        var canary = layers.Flag(FleetOptions.Canary) is { } globs ? new TenantGlob(globs.Value) : TenantGlob.None;
        return new FleetSettings(source, new FleetSchedule(parallel, canary, onError, maxFailures), ResolveShard(layers, parse), layers.Flag(FleetOptions.Report)?.Value);
    }

    private static Shard ResolveShard(SettingLayers layers, ParseResult parse)
    {
        if (layers.Flag(FleetOptions.Shard)?.Value is { } text)
        {
            return layers.Number(FleetOptions.ShardCount) is not null
                ? throw Invalid("--shard and --shard-count both choose the shard; pass one of them")
                : Shard.TryParse(text) ?? throw Invalid($"--shard '{text}' is not i/n with 0 <= i < n, such as 0/4");
        }

        if (layers.Number(FleetOptions.ShardCount)?.Value is not { } count)
        {
            return Shard.All;
        }

        var index = layers.Variable(ShardIndexVariable)?.Value;
        return count < 1 ? throw Invalid($"--shard-count {WholeNumber.Typed(parse, FleetOptions.ShardCount)} {Between1AndMost}")
            : index is null ? throw Invalid($"--shard-count needs {ShardIndexVariable} (set by a Kubernetes Indexed Job); outside one, pass --shard i/n")
            : int.TryParse(index.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < count ? new Shard(i, count)
            : throw Invalid($"{ShardIndexVariable} '{Diagnostic.Printable(index)}' is not a shard index below --shard-count {count}");
    }

    private static string? FleetOnly(ParseResult parse) =>
        FleetOptions.All.Where(o => o != FleetOptions.AllowEmpty && parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).FirstOrDefault();

    /// <summary>Every --canary glob must match a tenant of the fleet (of any shard: another shard's canary is still one).</summary>
    public static void CheckCanaries(TenantGlob canaries, IReadOnlyList<Tenant> tenants, string source)
    {
        if (canaries.Unmatched(tenants.Select(t => t.Key)) is [_, ..] unmatched)
        {
            throw Invalid($"--canary: {string.Join(", ", unmatched.Select(g => $"'{g}'"))} matches no tenant of {source}, so no tenant would run first; "
                + "fix the pattern (globs: * and ?, matched whole and case-sensitively) or leave the tenant out of --canary");
        }
    }

    private static readonly string Between1AndMost = $"must be between 1 and {int.MaxValue}";

    private static MigrationRunException Invalid(string message) =>
        new(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidFleetOption, message));
}

using System.Text.Json;
using System.Text.Json.Serialization;
using MigrationTasks.Fleets;

namespace MigrationTasks.Cli.Fleets;

/// <summary>One tenant in the --report file and in the JSON output's "tenant" event. Names are snake_case and stable.</summary>
internal sealed record TenantReport(
    string Key, string? Schema, int Shard, string Status, string? FromVersion, string? ToVersion,
    IReadOnlyList<string> Applied, long DurationMs, string? Error, IReadOnlyDictionary<string, string> Tags)
{
    public static TenantReport Of(TenantResult result, Shard shard) => new(
        result.Tenant.Key, result.Tenant.Schema, global::MigrationTasks.Fleets.Shard.IndexOf(result.Tenant.Key, shard.Count), StatusName(result.Status),
        result.FromVersion, result.ToVersion, result.Applied, (long)result.Duration.TotalMilliseconds, result.Error, result.Tenant.Tags);

    public static string StatusName(TenantStatus status) => status switch
    {
        TenantStatus.Succeeded => "succeeded",
        TenantStatus.Failed => "failed",
        TenantStatus.SkippedLocked => "skipped_locked",
        _ => "not_started",
    };
}

/// <summary>The --report file: what a fleet run did, per tenant, with the totals and the exit code.</summary>
internal sealed record FleetReportDocument(
    string Command, string Shard, int ExitCode, bool Incomplete, int Succeeded, int Failed, int SkippedLocked, int NotStarted,
    IReadOnlyList<TenantReport> Tenants)
{
    public static FleetReportDocument Of(string command, FleetResult fleet, int exitCode) => new(
        command, fleet.Shard.ToString(), exitCode, fleet.Incomplete,
        fleet.Count(TenantStatus.Succeeded), fleet.Count(TenantStatus.Failed), fleet.Count(TenantStatus.SkippedLocked), fleet.Count(TenantStatus.NotStarted),
        fleet.Tenants.Select(t => TenantReport.Of(t, fleet.Shard)).ToList());

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, FleetReportJson.Default.FleetReportDocument) + "\n");
}

/// <summary>Source-generated, so the trimmed and Native AOT runner writes the report without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(FleetReportDocument))]
internal sealed partial class FleetReportJson : JsonSerializerContext;

/// <summary>A tenant as one line of NDJSON output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TenantReport))]
internal sealed partial class TenantLineJson : JsonSerializerContext;

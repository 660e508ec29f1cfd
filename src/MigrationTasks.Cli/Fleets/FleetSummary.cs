using System.Globalization;
using System.Text;
using System.Text.Json;
using MigrationTasks.Fleets;

namespace MigrationTasks.Cli.Fleets;

/// <summary>How a fleet run reads to people: a block per tenant as it ends, one summary line, and the GitHub step's table.</summary>
internal static class FleetSummary
{
    /// <summary>A tenant's block: a header line, then what its run printed, indented (text), or its lines then a "tenant" event (json).</summary>
    public static string Block(TenantResult result, Shard shard, string output, bool json)
    {
        var text = new StringBuilder();
        if (json)
        {
            text.Append(output);
            var line = JsonSerializer.Serialize(TenantReport.Of(result, shard), TenantLineJson.Default.TenantReport);
            text.Append("{\"event\":\"tenant\",").Append(line.AsSpan(1)).Append('\n');
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"tenant {result.Tenant.Key}: {StatusText(result)}\n");
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("  ").Append(line).Append('\n');
        }

        return text.ToString();
    }

    public static string Line(FleetResult fleet) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Fleet{(fleet.Shard.Count > 1 ? $" shard {fleet.Shard}" : "")}: {fleet.Tenants.Count} tenants, {fleet.Count(TenantStatus.Succeeded)} succeeded, {fleet.Count(TenantStatus.Failed)} failed, {fleet.Count(TenantStatus.SkippedLocked)} skipped (locked), {fleet.Count(TenantStatus.NotStarted)} not started.");

    public static string Markdown(string command, FleetResult fleet)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### migrations {command}: fleet{(fleet.Shard.Count > 1 ? $" shard {fleet.Shard}" : "")}\n\n{Line(fleet)}\n\n");
        text.Append("| Tenant | Status | From | To | Applied | Time | Error |\n|---|---|---|---|---|---|---|\n");
        foreach (var t in fleet.Tenants)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {Cell(t.Tenant.Key)} | {StatusText(t)} | {t.FromVersion ?? "none"} | {t.ToVersion ?? "none"} | {t.Applied.Count} | {t.Duration.TotalMilliseconds:0} ms | {Cell(t.Error ?? "")} |\n");
        }

        return text.Append('\n').ToString();
    }

    private static string StatusText(TenantResult result) => result.Status switch
    {
        TenantStatus.Succeeded => string.Create(CultureInfo.InvariantCulture, $"succeeded in {result.Duration.TotalMilliseconds:0} ms"),
        TenantStatus.Failed => "failed",
        TenantStatus.SkippedLocked => "skipped (locked)",
        _ => "not started",
    };

    // A pipe or a line break would break the table's row.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}

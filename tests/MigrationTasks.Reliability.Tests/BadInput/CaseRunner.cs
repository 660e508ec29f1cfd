using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>What a case did: the tool's result and the database fingerprints around it.</summary>
/// <param name="FailedAuditRowsAdded">Audit rows with outcome 'failed' the run added (left out of the fingerprints of an audited case).</param>
internal sealed record CaseOutcome(CliResult Result, string Before, string After, int FailedAuditRowsAdded);

/// <summary>
/// Runs one catalogue case in-process: a workspace with the base migrations (applied unless the case
/// is fresh), the case's breakage, a fingerprint, the command, a fingerprint again.
/// </summary>
internal static class CaseRunner
{
    public static async Task<CaseOutcome> RunAsync(BadInputCase @case, Target target, IReadOnlyDictionary<string, string>? environment = null, string output = "text")
    {
        using var workspace = new CaseWorkspace(target);
        if (!@case.Fresh)
        {
            var setup = await Tool.RunAsync("up", "--dir", workspace.Dir, "--connection", target.Connection);
            Assert.That(setup.ExitCode, Is.Zero, "applying the base migrations: " + setup);
        }

        await @case.Arrange(workspace);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            workspace.Environment[name] = value;
        }

        var admin = target.AdminConnectionString;
        var before = await CatalogFingerprint.TakeAsync(admin, !@case.Audited);
        var failedBefore = await CatalogFingerprint.FailedAuditRowsAsync(admin);
        var result = await Tool.RunAsync(workspace.Environment, Arguments(@case, workspace, output));
        var after = await CatalogFingerprint.TakeAsync(admin, !@case.Audited);
        return new CaseOutcome(result, before, after, await CatalogFingerprint.FailedAuditRowsAsync(admin) - failedBefore);
    }

    private static string[] Arguments(BadInputCase @case, CaseWorkspace workspace, string output)
    {
        var args = new List<string>(@case.Command);
        args.AddRange(@case.Source == CaseSource.Bundle ? ["--bundle", workspace.Bundle] : ["--dir", workspace.Dir]);
        if (workspace.Connection is { } connection)
        {
            args.AddRange(["--connection", connection]);
        }

        if (workspace.ConfigPath is { } config)
        {
            args.AddRange(["--config", config]);
        }

        args.AddRange(["--output", output]);
        return [.. args];
    }
}

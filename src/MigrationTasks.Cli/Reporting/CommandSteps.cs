using MigrationTasks.Diagnostics;

namespace MigrationTasks.Cli.Reporting;

/// <summary>How a CLI user takes the next steps the engine's messages name: the `migrations` command (or flag) that does it.</summary>
internal sealed class CommandSteps : StepSpelling
{
    public static CommandSteps Instance { get; } = new();

    public override string Repair => "'migrations repair'";

    public override string Resume => "'migrations up --resume'";

    public override string Up => "'migrations up'";

    public override string Drift => "'migrations drift'";

    public override string NewMigration => "'migrations new <name>'";

    public override string RewriteSum => "'migrations hash'";

    // A CLI user may equally be the developer who builds the project.
    public override string AcceptSum => "'dotnet build -t:UpdateMigrationsSum' or 'migrations hash'";

    public override string SkipDriftCheck => "run without --check-drift";

    public override string AllowEmptyFleet => "pass --allow-empty";

    public override string MarkApplied(string version) => $"'migrations mark-applied {version}'";

    public override string Baseline(string? version) => version is null ? "'migrations baseline'" : $"'migrations baseline --version {version}'";
}

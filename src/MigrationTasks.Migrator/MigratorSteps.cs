using MigrationTasks.Diagnostics;

namespace MigrationTasks.Migrator;

/// <summary>
/// How code that runs a <see cref="Migrator"/> takes the next steps the engine's messages name: its own method where
/// it has one, else the `migrations` tool command (the history repairs are a person's decision, not the service's).
/// </summary>
internal sealed class MigratorSteps : StepSpelling
{
    public static MigratorSteps Instance { get; } = new();

    public override string Repair => "the 'migrations repair' tool command";

    public override string Resume => "the 'migrations up --resume' tool command";

    public override string Up => "Migrator.UpAsync";

    public override string Drift => "the 'migrations drift' tool command";

    public override string NewMigration => "the 'migrations new <name>' tool command";

    public override string RewriteSum => "'dotnet build -t:UpdateMigrationsSum'";

    public override string AcceptSum => "'dotnet build -t:UpdateMigrationsSum'";

    public override string SkipDriftCheck => "run without the drift check";

    public override string AllowEmptyFleet => "allow an empty list of tenants";

    public override string MarkApplied(string version) => $"the 'migrations mark-applied {version}' tool command";

    public override string Baseline(string? version) => version is null ? "the 'migrations baseline' tool command" : $"the 'migrations baseline --version {version}' tool command";
}

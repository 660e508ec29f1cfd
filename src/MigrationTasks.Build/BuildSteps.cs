using MigrationTasks.Diagnostics;

namespace MigrationTasks.Build;

/// <summary>
/// How a build user takes the next steps the engine's messages name: a build target where the build does it,
/// else the `migrations` tool as the project runs it (a local tool: `dotnet migrations`, see MigrationsToolCommand).
/// </summary>
internal sealed class BuildSteps : StepSpelling
{
    public static BuildSteps Instance { get; } = new();

    public override string Repair => "'dotnet migrations repair'";

    public override string Resume => "'dotnet migrations up --resume'";

    public override string Up => "'dotnet migrations up'";

    public override string Drift => "'dotnet migrations drift'";

    public override string NewMigration => "'dotnet migrations new <name>'";

    public override string RewriteSum => "'dotnet build -t:UpdateMigrationsSum'";

    public override string AcceptSum => "'dotnet build -t:UpdateMigrationsSum'";

    public override string SkipDriftCheck => "run 'dotnet migrations up' without --check-drift";

    public override string AllowEmptyFleet => "pass --allow-empty to 'dotnet migrations'";

    public override string MarkApplied(string version) => $"'dotnet migrations mark-applied {version}'";

    public override string Baseline(string? version) => version is null ? "'dotnet migrations baseline'" : $"'dotnet migrations baseline --version {version}'";
}

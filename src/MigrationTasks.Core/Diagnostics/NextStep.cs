namespace MigrationTasks.Diagnostics;

/// <summary>
/// An action a message tells its reader to take next (repair the history, resume, rewrite migrations.sum ...),
/// named by the engine. Each front end spells it for its users (<see cref="StepSpelling"/>): the CLI names its
/// command, the build its target or the tool a build user runs, the in-process Migrator its method. Interpolated
/// into a message, a step is a marker that the front end fills in before anyone reads the message.
/// </summary>
public sealed record NextStep(NextStepKind Kind, string? Argument = null)
{
    // Brackets no SQL, file name or server message of ours uses, so a marker is never mistaken for text.
    internal const char Open = '\u27E6';
    internal const char Close = '\u27E7';

    public static NextStep Repair { get; } = new(NextStepKind.Repair);

    public static NextStep Resume { get; } = new(NextStepKind.Resume);

    public static NextStep Up { get; } = new(NextStepKind.Up);

    public static NextStep Drift { get; } = new(NextStepKind.Drift);

    public static NextStep NewMigration { get; } = new(NextStepKind.NewMigration);

    public static NextStep RewriteSum { get; } = new(NextStepKind.RewriteSum);

    public static NextStep AcceptSum { get; } = new(NextStepKind.AcceptSum);

    public static NextStep SkipDriftCheck { get; } = new(NextStepKind.SkipDriftCheck);

    public static NextStep AllowEmptyFleet { get; } = new(NextStepKind.AllowEmptyFleet);

    /// <summary>Record one migration as applied; <paramref name="version"/> is its version or a placeholder such as "&lt;version&gt;".</summary>
    public static NextStep MarkApplied(string version) => new(NextStepKind.MarkApplied, version);

    /// <summary>Record a baseline, up to <paramref name="version"/> when the message names one.</summary>
    public static NextStep Baseline(string? version = null) => new(NextStepKind.Baseline, version);

    public override string ToString() => Argument is null ? $"{Open}{Kind}{Close}" : $"{Open}{Kind} {Argument}{Close}";
}

/// <summary>The actions <see cref="NextStep"/> names.</summary>
public enum NextStepKind
{
    /// <summary>Clear a failed history row (or accept an edited checksum) once the database is checked.</summary>
    Repair,

    /// <summary>Apply again from the first statement a failed migration did not commit.</summary>
    Resume,

    /// <summary>Apply the pending migrations.</summary>
    Up,

    /// <summary>Record one migration as applied without running it.</summary>
    MarkApplied,

    /// <summary>Record the migrations up to a version as applied in a database the tool never migrated.</summary>
    Baseline,

    /// <summary>Compare the schema with the one recorded.</summary>
    Drift,

    /// <summary>Add a migration file.</summary>
    NewMigration,

    /// <summary>Write migrations.sum anew from the files.</summary>
    RewriteSum,

    /// <summary>Accept the current files into migrations.sum on purpose.</summary>
    AcceptSum,

    /// <summary>Apply without comparing the schema first.</summary>
    SkipDriftCheck,

    /// <summary>Let an empty list of tenants succeed.</summary>
    AllowEmptyFleet,
}

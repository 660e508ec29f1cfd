namespace MigrationTasks.Directives;

/// <summary>A lint waiver: <c>-- migrate:allow &lt;rule&gt; &lt;reason&gt;</c>.</summary>
public sealed record LintWaiver(string Rule, string Reason, int Line);

/// <summary>The options a migration sets for itself in leading <c>-- migrate:</c> comments.</summary>
public sealed record MigrationDirectives
{
    public static readonly MigrationDirectives None = new();

    public bool NoTransaction { get; init; }

    public TimeSpan? LockTimeout { get; init; }

    public TimeSpan? StatementTimeout { get; init; }

    public bool AllowOutOfOrder { get; init; }

    public IReadOnlyList<LintWaiver> Waivers { get; init; } = [];

    public bool IsTransactional => !NoTransaction;
}

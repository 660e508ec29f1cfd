namespace MigrationTasks.Directives;

/// <summary>What a waiver covers: ours by where it sits (top of file: the file), another linter's as that linter means it.</summary>
public enum WaiverScope
{
    /// <summary><c>-- migrate:allow</c>: above the first statement the file, later the statement it sits on.</summary>
    ByPlace,

    /// <summary>The next statement (<c>-- atlas:nolint</c>, <c>-- squawk-ignore</c>), wherever it sits.</summary>
    NextStatement,

    /// <summary>The whole file (<c>-- squawk-ignore-file</c>).</summary>
    File,
}

/// <summary>A lint waiver: <c>-- migrate:allow &lt;rule&gt; &lt;reason&gt;</c>, or another linter's comment mapped to our rule.</summary>
public sealed record LintWaiver(string Rule, string Reason, int Line)
{
    /// <summary>The rule of a waiver that covers every rule (<c>-- atlas:nolint</c> with no checks named).</summary>
    public const string AnyRule = "*";

    public WaiverScope Scope { get; init; } = WaiverScope.ByPlace;

    /// <summary>The other linter's directive it came from (<c>atlas:nolint</c>); null for ours. Such a waiver that waives nothing is not reported.</summary>
    public string? ForeignDirective { get; init; }
}

/// <summary>A directive the engine ignores, at its line and column, with the dialect's warning about it.</summary>
public sealed record IgnoredDirective(string Name, int Line, int Column, string Warning);

/// <summary>The options a migration sets for itself in leading <c>-- migrate:</c> comments.</summary>
public sealed record MigrationDirectives
{
    public static readonly MigrationDirectives None = new();

    public bool NoTransaction { get; init; }

    /// <summary>
    /// Who asked for no transaction when it was not our directive: another tool's own marker
    /// (<c>dbmate transaction:false</c>), so messages can name what the file actually says.
    /// </summary>
    public string? NoTransactionBy { get; init; }

    public TimeSpan? LockTimeout { get; init; }

    public TimeSpan? StatementTimeout { get; init; }

    public bool AllowOutOfOrder { get; init; }

    public IReadOnlyList<LintWaiver> Waivers { get; init; } = [];

    /// <summary>Directives the file gives that its engine accepts but does not honour (<see cref="Directive.IgnoredWarning"/>), where they stand.</summary>
    public IReadOnlyList<IgnoredDirective> Ignored { get; init; } = [];

    /// <summary>
    /// The file holds its own transaction control (<c>BEGIN; ... COMMIT;</c>): it runs unwrapped, one
    /// statement at a time, and its history row is written once it succeeds.
    /// </summary>
    public bool OwnsTransactions { get; init; }

    /// <summary>Whether the runner wraps the migration in one transaction with its history row.</summary>
    public bool IsTransactional => !NoTransaction && !OwnsTransactions;
}

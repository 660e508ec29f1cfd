namespace MigrationTasks.Lint;

/// <summary>The table lock a statement takes and whether it rewrites the table, as PostgreSQL documents them.</summary>
/// <param name="Mode">The lock mode, e.g. <c>ACCESS EXCLUSIVE</c>.</param>
/// <param name="Table">The table (or index) locked, as written.</param>
/// <param name="Effect">What else it costs, e.g. "rewrites the table", or null.</param>
public sealed record StatementLock(string Mode, string Table, string? Effect)
{
    public override string ToString() => Effect is null ? $"{Mode} on {Table}" : $"{Mode} on {Table}, {Effect}";
}

namespace MigrationTasks.Lint;

/// <summary>
/// REFRESH MATERIALIZED VIEW without CONCURRENTLY: readers wait for the whole query. A view created
/// earlier in the migration (whose first refresh cannot be concurrent) and WITH NO DATA are exempt.
/// </summary>
internal static class MaterializedViewRules
{
    public static void CheckRefresh(StatementWords w, LintContext context, List<LintFinding> findings)
    {
        if (!w.Is(1, "MATERIALIZED") || !w.Is(2, "VIEW") || w.Is(3, "CONCURRENTLY"))
        {
            return;
        }

        var view = w.Name(3, out var next);
        var withNoData = w.Is(next, "WITH") && w.Is(next + 1, "NO");
        if (view is not null && !withNoData && !context.IsNewTable(view))
        {
            findings.Add(new(LintRules.RefreshMaterializedView, 0, $"REFRESH MATERIALIZED VIEW {view}"));
        }
    }
}

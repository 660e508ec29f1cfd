using MigrationTasks.Lint;

namespace MigrationTasks.Postgres.Tests.Lint;

internal static class Rules
{
    public static string Code(string id) => LintRules.Find(id)?.Code ?? throw new ArgumentException($"no rule {id}", nameof(id));
}

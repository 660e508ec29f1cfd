using System.Text.RegularExpressions;
using MigrationTasks.Layouts;

namespace MigrationTasks.Directives;

/// <summary>
/// Other tools' ways of saying "run this file outside a transaction", honoured so that a folder runs
/// unchanged: dbmate's <c>-- migrate:up transaction:false</c> and morph's <c>-- morph:nontransactional</c>
/// (Flyway's <c>executeInTransaction=false</c> lives in a <c>.sql.conf</c> file: <see cref="FlywayScriptConfig"/>).
/// </summary>
public static partial class ToolDirectives
{
    [GeneratedRegex(@"^[ \t]*--[ \t]*morph:nontransactional[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MorphNonTransactional();

    /// <summary>The directive, as the file writes it, that asks for no transaction; null when none does.</summary>
    /// <param name="firstStatementOffset">Where the leading comments end: like ours, morph's directive sits above the statements.</param>
    public static string? NoTransactionBy(MigrationLayout layout, string text, int firstStatementOffset) =>
        LayoutText.ToolSaysNoTransaction(layout, text) ? "dbmate transaction:false"
        : MorphNonTransactional().IsMatch(text.AsSpan(0, Math.Min(firstStatementOffset, text.Length))) ? "-- morph:nontransactional"
        : null;
}

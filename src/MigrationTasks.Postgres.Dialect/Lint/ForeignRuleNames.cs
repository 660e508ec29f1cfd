namespace MigrationTasks.Lint;

/// <summary>
/// Other linters' rule names mapped to ours, where the two check the same thing (docs/lint.md keeps
/// the table). Atlas's analyzer names (destructive, backward_incompatible) stand for a whole category.
/// </summary>
public static class ForeignRuleNames
{
    private static readonly Dictionary<string, string[]> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        // squawk
        ["ban-drop-column"] = [LintRules.DropColumn.Id],
        ["ban-drop-table"] = [LintRules.DropTable.Id],
        ["ban-truncate-cascade"] = [LintRules.Truncate.Id],
        ["require-concurrent-index-creation"] = [LintRules.CreateIndex.Id],
        ["require-concurrent-index-deletion"] = [LintRules.DropIndex.Id],
        ["adding-foreign-key-constraint"] = [LintRules.AddForeignKey.Id],
        ["constraint-missing-not-valid"] = [LintRules.AddForeignKey.Id, LintRules.AddCheckConstraint.Id],
        ["disallowed-unique-constraint"] = [LintRules.AddUniqueConstraint.Id],
        ["adding-not-nullable-field"] = [LintRules.SetNotNull.Id],
        ["adding-required-field"] = [LintRules.AddColumnNotNullWithoutDefault.Id],
        ["adding-field-with-default"] = [LintRules.AddColumnVolatileDefault.Id],
        ["changing-column-type"] = [LintRules.AlterColumnType.Id],
        ["renaming-column"] = [LintRules.RenameColumn.Id],
        ["renaming-table"] = [LintRules.RenameTable.Id],
        ["prefer-bigint-over-int"] = [LintRules.IntKey.Id],
        ["prefer-big-int"] = [LintRules.IntKey.Id],
        ["prefer-bigint-over-smallint"] = [LintRules.IntKey.Id],
        ["prefer-timestamptz"] = [LintRules.TimestampWithoutTimeZone.Id],
        ["ban-char-field"] = [LintRules.CharType.Id],
        ["require-timeout-settings"] = [LintRules.MissingLockTimeout.Id],
        ["transaction-nesting"] = [LintRules.TransactionControl.Id],

        // Atlas checks
        ["DS101"] = [LintRules.DropSchema.Id],
        ["DS102"] = [LintRules.DropTable.Id],
        ["DS103"] = [LintRules.DropColumn.Id],
        ["BC101"] = [LintRules.RenameTable.Id],
        ["BC102"] = [LintRules.RenameColumn.Id],
        ["MF103"] = [LintRules.AddUniqueConstraint.Id],
        ["MF104"] = [LintRules.SetNotNull.Id],
    };

    private static readonly Dictionary<string, LintCategory> Categories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["destructive"] = LintCategory.Destructive,
        ["backward_incompatible"] = LintCategory.Breaking,
    };

    /// <summary>Our rule ids for another linter's rule name; none when there is no clear counterpart.</summary>
    public static IEnumerable<string> Map(string foreignName) =>
        Rules.TryGetValue(foreignName, out var ids) ? ids
        : Categories.TryGetValue(foreignName, out var category) ? LintRules.All.Where(r => r.Category == category).Select(r => r.Id)
        : LintRules.Find(foreignName) is { } ours ? [ours.Id]
        : [];

    /// <summary>The table for docs/lint.md and tests: foreign name, our rule ids.</summary>
    public static IEnumerable<(string Foreign, IReadOnlyList<string> Ours)> Table => Rules.Select(r => (r.Key, (IReadOnlyList<string>)r.Value));
}

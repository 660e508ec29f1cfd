using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Lint;

/// <summary>
/// A directive the engine accepts but ignores (<see cref="Directives.Directive.IgnoredWarning"/>) is a warning at the
/// directive, reported with the lint findings: the build and <c>migrations lint</c> show it for every script they judge
/// and the runner for what it applies, while reading (every command, applied files too) stays quiet about it.
/// </summary>
internal static class IgnoredDirectiveWarnings
{
    public static IEnumerable<Diagnostic> Of(MigrationScript script) =>
        script.Directives.Ignored.Select(d => Diagnostic.Warning(DiagnosticCodes.IgnoredDirective, d.Warning, script.Path, d.Line, d.Column));
}

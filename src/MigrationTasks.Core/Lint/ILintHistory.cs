namespace MigrationTasks.Lint;

/// <summary>
/// A dialect's record of what a folder's migrations establish, in its own terms (<see cref="Dialects.IMigrationDialect.ReadLintHistory"/>):
/// the engine only carries it from the reading to the linting of each script.
/// </summary>
#pragma warning disable CA1040 // A marker: its content is the dialect's, the engine never looks inside.
public interface ILintHistory;
#pragma warning restore CA1040

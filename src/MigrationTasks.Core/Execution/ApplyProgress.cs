using MigrationTasks.Files;

namespace MigrationTasks.Execution;

/// <summary>
/// What a database that announces each migration (<see cref="IAnnouncesEachMigration"/>) tells the run: the start of
/// each, and each once committed, in order. Counts what it announced, so the runner adds only what is left unsaid.
/// </summary>
public sealed class ApplyProgress(IRunObserver observer)
{
    /// <summary>How many migrations were announced as applied.</summary>
    public int Applied { get; private set; }

    public void Starting(Migration migration) => observer.On(new MigrationStartedEvent(migration));

    /// <summary>Said once the migration's change is committed, not when its savepoint is released: an applied line stays true.</summary>
    public void Committed(Migration migration, TimeSpan duration)
    {
        observer.On(new MigrationAppliedEvent(migration, duration));
        Applied++;
    }
}

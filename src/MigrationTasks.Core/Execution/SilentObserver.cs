namespace MigrationTasks.Execution;

/// <summary>An observer that ignores every event, for work whose progress nobody reads (a tenants query, an API caller that passed none).</summary>
public sealed class SilentObserver : IRunObserver
{
    public static readonly SilentObserver Instance = new();

    private SilentObserver()
    {
    }

    public void On(RunEvent runEvent)
    {
    }
}

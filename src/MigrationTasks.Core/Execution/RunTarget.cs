namespace MigrationTasks.Execution;

/// <summary>
/// Which database, and which schema in it, a run event is about: with several targets in one run,
/// one reporter serves them all and each event still says where it happened.
/// </summary>
public sealed record RunTarget(string Database, string Schema)
{
    public override string ToString() => $"{Database}/{Schema}";
}

/// <summary>Stamps every event of one target's run with that target before passing it on.</summary>
public sealed class TargetedObserver(IRunObserver inner, RunTarget target) : IRunObserver
{
    public void On(RunEvent runEvent) => inner.On(runEvent with { Target = target });
}

namespace MigrationTasks.Fleets;

/// <summary>What a failed tenant does to the rest of the run.</summary>
public enum FleetErrorPolicy
{
    /// <summary>Start no further tenant; the ones running finish.</summary>
    Fail,

    /// <summary>Keep going, up to the failure limit.</summary>
    Continue,
}

/// <summary>How a fleet run is scheduled: how many tenants at once, which go first, and when to stop.</summary>
/// <param name="Parallel">Tenants run at once (each with its own connections); at least 1.</param>
/// <param name="Canaries">Tenants that run first, one at a time; the first failure among them ends the run.</param>
/// <param name="OnError">What a failure among the rest does.</param>
/// <param name="MaxFailures">With <see cref="FleetErrorPolicy.Continue"/>, stop starting tenants after this many failures; null for no limit.</param>
public sealed record FleetSchedule(int Parallel, TenantGlob Canaries, FleetErrorPolicy OnError, int? MaxFailures)
{
    public static readonly FleetSchedule OneAtATime = new(1, TenantGlob.None, FleetErrorPolicy.Fail, null);
}

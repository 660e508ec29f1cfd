using MigrationTasks.Execution;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Fleets;

/// <summary>
/// Watches one tenant's events on their way to its reporter and keeps what the fleet report needs:
/// the version before the run, the versions it applied or reverted, the version after, and a finding
/// that fails the tenant without an error of its own (drift).
/// </summary>
internal sealed class TenantProgress(IRunObserver inner) : IRunObserver
{
    private readonly List<string> _changed = [];
    private readonly List<string> _stillApplied = [];
    private readonly Lock _turn = new();

    public string? FromVersion { get; private set; }

    public string? ToVersion { get; private set; }

    /// <summary>What made a run that raised no error fail, for the report's error: the drift <c>drift</c> found.</summary>
    public string? Finding { get; private set; }

    public IReadOnlyList<string> Changed
    {
        get
        {
            lock (_turn)
            {
                return [.. _changed];
            }
        }
    }

    public void On(RunEvent runEvent)
    {
        lock (_turn)
        {
            switch (runEvent)
            {
                // The first plan is the state before the run (up plans again under the lock: same history).
                case PlanReadyEvent e when FromVersion is null:
                    FromVersion = e.Plan.Entries.Where(x => x.State == MigrationState.Applied).Select(x => x.VersionText).LastOrDefault();
                    ToVersion = FromVersion;
                    break;
                case MigrationAppliedEvent e:
                    _changed.Add(e.Migration.VersionText);
                    ToVersion = e.Migration.VersionText;
                    break;
                case Schema.SchemaCheckedEvent { Differences.Count: > 0 } e:
                    Finding = $"the schema drifted: {e.Differences.Count} object(s) differ from the one recorded after {e.Against.VersionText} ({e.Against.Name})";
                    break;
                // down's plan says what was applied; each revert takes its version off the top.
                case DownPlanReadyEvent e when FromVersion is null:
                    _stillApplied.AddRange(e.Plan.Applied);
                    FromVersion = ToVersion = _stillApplied.LastOrDefault();
                    break;
                case MigrationRevertedEvent e:
                    _changed.Add(e.Migration.VersionText);
                    _stillApplied.Remove(e.Migration.VersionText);
                    ToVersion = _stillApplied.LastOrDefault();
                    break;
            }
        }

        inner.On(runEvent);
    }
}

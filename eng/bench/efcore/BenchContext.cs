using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MigrationTasks.Bench.EfCore;

/// <summary>A context with no entities: the migrations are raw SQL, as a team moving from SQL files would write them.</summary>
public sealed class BenchContext(string connectionString) : DbContext
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder
            .UseNpgsql(connectionString)
            // There is no model snapshot (the migrations hold SQL only), which EF Core would otherwise report as pending model changes.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
}

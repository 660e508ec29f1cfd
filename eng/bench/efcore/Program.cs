using Microsoft.EntityFrameworkCore;
using MigrationTasks.Bench.EfCore;

// usage: EfCoreBench up|status <connection string>
//   up      Database.Migrate(): applies the pending migrations (none on an up-to-date database)
//   status  lists every migration as applied or pending, the way `dotnet ef migrations list` does
if (args.Length != 2 || args[0] is not ("up" or "status"))
{
    await Console.Error.WriteLineAsync("usage: EfCoreBench up|status <connection string>").ConfigureAwait(false);
    return 2;
}

using var context = new BenchContext(args[1]);
if (args[0] == "up")
{
    await context.Database.MigrateAsync().ConfigureAwait(false);
    return 0;
}

var applied = (await context.Database.GetAppliedMigrationsAsync().ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
var output = new System.Text.StringBuilder();
foreach (var id in context.Database.GetMigrations())
{
    output.Append(id).Append(applied.Contains(id) ? " applied" : " pending").Append('\n');
}

await Console.Out.WriteAsync(output.ToString()).ConfigureAwait(false);
return 0;

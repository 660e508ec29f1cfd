using System.Text;
using MigrationTasks.Files;
using MigrationTasks.Sums;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Build.Tests.Support;

/// <summary>Writes a migrations.sum recording some files, as a build on another machine would have.</summary>
internal static class SumFiles
{
    public static void Record(TestProject project, params string[] fileNames)
    {
        var set = MigrationDirectory.LoadFiles(PostgresDialect.Instance, fileNames
            .Select(name => Path.Combine(project.Migrations, name))
            .Select(path => (path, (ReadOnlyMemory<byte>)File.ReadAllBytes(path)))
            .ToList());
        File.WriteAllText(project.SumFile, MigrationsSum.Format(set.Migrations.Select(m => MigrationsSum.EntryFor(m))), new UTF8Encoding(false));
    }
}

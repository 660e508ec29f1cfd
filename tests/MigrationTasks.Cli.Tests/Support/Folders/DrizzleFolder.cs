using System.Globalization;

namespace MigrationTasks.Cli.Tests.Support.Folders;

/// <summary>
/// A drizzle-kit folder of the <see cref="RealWorldMigrations"/> (their transactional form: drizzle-orm
/// runs every migration in its one transaction): <c>meta/_journal.json</c> and one
/// <c>&lt;idx&gt;_&lt;name&gt;.sql</c> per entry, statements separated by <c>--&gt; statement-breakpoint</c>,
/// and every tenth an empty custom migration as <c>drizzle-kit generate --custom</c> writes it.
/// </summary>
internal static class DrizzleFolder
{
    private const string Breakpoint = "\n--> statement-breakpoint\n";
    private const string CustomMigration = "-- Custom SQL migration file, put your code below! --\n";

    public static Migrations Create(int migrations)
    {
        var folder = new Migrations();
        var entries = new List<(long When, string Tag)>();
        foreach (var migration in RealWorldMigrations.Create(migrations, transactionalOnly: true))
        {
            AddEntry(folder, entries, migration.Name, string.Join(Breakpoint, migration.UpStatements) + "\n");
            if (migration.Index % 10 == 9)
            {
                AddEntry(folder, entries, $"custom-{migration.Index}", CustomMigration);
            }
        }

        DrizzleJournal.Write(folder, [.. entries]);
        return folder;
    }

    private static void AddEntry(Migrations folder, List<(long When, string Tag)> entries, string name, string text)
    {
        var tag = $"{entries.Count.ToString("D4", CultureInfo.InvariantCulture)}_{name}";
        folder.Add(tag + ".sql", text);
        entries.Add((1_700_000_000_000 + (entries.Count * 3_600_000L), tag));
    }

    /// <summary>
    /// drizzle-orm's own algorithm (pg-core dialect migrate): every pending migration in journal order,
    /// each file split on the breakpoint and each piece executed, all in one transaction. The journal is
    /// written in order here, so its order is the files' order. drizzle-orm itself runs instead when the
    /// test run names it (<see cref="RealTool"/>).
    /// </summary>
    public static Task ApplyAsDrizzleDoesAsync(Migrations folder, Testing.TestDatabase database) =>
        RealTool.Drizzle?.UpAsync(folder, database) ?? Psql.RunInTransactionAsync(database, string.Join("\n;\n", Directory.EnumerateFiles(folder.Path, "*.sql").Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllText(f).Split("--> statement-breakpoint"))));
}

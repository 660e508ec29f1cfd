using System.Text.RegularExpressions;

namespace MigrationTasks.Cli.Tests.Support.Folders;

/// <summary>
/// A dbmate folder of the <see cref="RealWorldMigrations"/>: one <c>&lt;timestamp&gt;_&lt;name&gt;.sql</c> per
/// migration with <c>-- migrate:up</c> and <c>-- migrate:down</c> sections; the BEGIN/COMMIT and
/// CONCURRENTLY migrations say <c>transaction:false</c>, as dbmate needs them to.
/// </summary>
internal static partial class DbmateFolder
{
    public static Migrations Create(int migrations)
    {
        var folder = new Migrations();
        foreach (var migration in RealWorldMigrations.Create(migrations))
        {
            var options = migration.Shape == FixtureShape.InTransaction ? "" : " transaction:false";
            folder.Add($"{RealWorldMigrations.TimestampOf(migration)}_{migration.Name}.sql",
                $"-- migrate:up{options}\n{migration.Up}\n-- migrate:down{options}\n{migration.Down}");
        }

        return folder;
    }

    /// <summary>
    /// dbmate's own algorithm (pkg/dbmate/db.go Migrate): the files in version order; each up section
    /// sent whole as one query, inside a transaction unless its marker says transaction:false.
    /// The sections are read here with a regular expression of our own, not with our layout's parser.
    /// dbmate itself runs instead when the test run names it (<see cref="RealTool"/>).
    /// </summary>
    public static async Task ApplyAsDbmateDoesAsync(Migrations folder, Testing.TestDatabase database)
    {
        if (RealTool.Dbmate is { } dbmate)
        {
            await dbmate.UpAsync(folder, database);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder.Path, "*.sql").Order(StringComparer.Ordinal))
        {
            var match = Sections().Match(File.ReadAllText(file));
            var up = match.Groups["up"].Value;
            await (match.Groups["options"].Value.Contains("transaction:false", StringComparison.Ordinal)
                ? Psql.RunAsync(database, up)
                : Psql.RunInTransactionAsync(database, up));
        }
    }

    [GeneratedRegex(@"^-- migrate:up(?<options>[^\n]*)\n(?<up>.*?)^-- migrate:down", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Sections();
}

using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Layouts;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// <c>migrations new &lt;name&gt; [--down] [--sequential|--timestamp]</c>: writes the next migration file in the
/// folder's own style (the zero-padded width of its numbers, or UTC timestamps), and its down file when asked.
/// </summary>
internal static partial class NewCommand
{
    /// <summary>What a new up file holds: one comment, so the build warns (MT1008) until statements are written.</summary>
    public const string UpTemplate = "-- Write the migration's statements here.\n";

    private static readonly Argument<string> Name = new("name") { Description = "What the migration does, e.g. add_orders_note (letters, digits, _, -, .)" };

    private static readonly Option<bool> Down = new("--down") { Description = "Also write an empty .down.sql file" };

    private static readonly Option<bool> Sequential = new("--sequential") { Description = "Number the file one above the highest version (the default unless the folder uses timestamps)" };

    private static readonly Option<bool> Timestamp = new("--timestamp") { Description = "Version the file with the UTC time, yyyyMMddHHmmss (the default when the folder uses timestamps)" };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("new", "Create the next migration file in the folder's numbering style and print its path")
        {
            Arguments = { Name },
            Options = { Down, Sequential, Timestamp },
        };
        command.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(NeedsDatabase: false), c => Task.FromResult(Run(c)), ct));
        return command;
    }

    private static RunOutcome Run(CommandContext context)
    {
        var (parse, directory) = (context.Parse, context.Effective.Directory.Value);
        var name = parse.GetValue(Name) ?? "";
        if (!ValidName().IsMatch(name) || (parse.GetValue(Sequential) && parse.GetValue(Timestamp)))
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                ValidName().IsMatch(name) ? "--sequential and --timestamp exclude each other; give one"
                : $"'{StrayConnections.Shown(name)}' cannot be a migration name; use letters, digits, '_', '-' and '.', e.g. add_orders_note"));
        }

        return FolderWrites.Run(directory, () => Write(context, directory, name));
    }

    private static RunOutcome Write(CommandContext context, string directory, string name)
    {
        var parse = context.Parse;
        Directory.CreateDirectory(directory);
        var layout = NewFileLayout.Of(directory, context.Effective.Layout.Value, name);
        var existing = Directory.EnumerateFiles(directory, "*.sql").Select(Path.GetFileName).Select(f => VersionPrefix().Match(f!)).Where(m => m.Success).ToList();
        var versions = layout == MigrationLayout.Flyway ? NewFileLayout.FlywayMajorVersions(directory) : existing.Select(m => m.Groups[1].Value).ToList();
        // A folder of timestamps keeps them; so does an explicit --timestamp. Otherwise the next number, as wide as the widest.
        var timestamps = parse.GetValue(Timestamp) || (!parse.GetValue(Sequential) && versions.Count > 0 && versions.All(v => v.Length >= 14));
        var version = timestamps ? Stamp(versions) : Next(versions);
        // The golang-migrate spelling (.up.sql) where the folder already uses it.
        var ups = existing.Where(m => m.Groups[2].Value != ".down").ToList();
        var up = ups.Count > 0 && ups.All(m => m.Groups[2].Value == ".up") ? ".up.sql" : ".sql";
        var files = NewFileLayout.Files(layout, directory, version, name, up, parse.GetValue(Down));
        foreach (var (path, text) in files)
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file);
            writer.Write(text);
            context.Reporter.Notice(path);
        }

        return RunOutcome.Succeeded;
    }

    // A UTC timestamp, yyyyMMddHHmmss, as wide as the folder's widest (node-pg-migrate's utc names add milliseconds):
    // a shorter one would be a smaller number than every version there, and refused as out of order.
    private static string Stamp(List<string> versions)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture);
        var width = Math.Max(14, versions.Count == 0 ? 0 : versions.Max(v => v.Length));
        return width <= stamp.Length ? stamp[..width] : stamp.PadRight(width, '0');
    }

    private static string Next(List<string> versions)
    {
        var highest = versions.Count == 0 ? 0 : versions.Max(v => decimal.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture));
        var width = versions.Count == 0 ? 4 : versions.Max(v => v.Length);
        return (highest + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")]
    private static partial Regex ValidName();

    [GeneratedRegex(@"^(\d+)_.*?(\.up|\.down)?\.sql$")]
    private static partial Regex VersionPrefix();
}

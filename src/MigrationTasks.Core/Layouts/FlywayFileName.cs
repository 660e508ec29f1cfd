using System.Text.RegularExpressions;
using MigrationTasks.Files;

namespace MigrationTasks.Layouts;

/// <summary>
/// Flyway's SQL file names: <c>V&lt;version&gt;__&lt;description&gt;.sql</c> (versioned),
/// <c>U&lt;version&gt;__…</c> (undo, our down), <c>R__&lt;description&gt;.sql</c> (repeatable).
/// A version is digits with '.' or '_' between parts (1, 1.1, 2_1).
/// </summary>
public sealed partial record FlywayFileName(char Prefix, string VersionText, MigrationVersion Version, string Description)
{
    [GeneratedRegex(@"^(?<prefix>[VU])(?<version>\d+(?:[._]\d+)*)__(?<description>.+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex Versioned();

    [GeneratedRegex(@"^R__(?<description>.+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex Repeatable();

    // Flyway's SQL callbacks: <event>.sql or <event>__<description>.sql (beforeMigrate, afterEachMigrate, createSchema, ...).
    [GeneratedRegex(@"^(?<event>(?:before|after)[A-Z][A-Za-z]*|createSchema)(?:__.+)?\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex Callback();

    public bool IsUndo => Prefix == 'U';

    public bool IsRepeatable => Prefix == 'R';

    public static bool LooksLikeFlyway(string fileName) =>
        fileName.Length > 2 && fileName[0] is 'V' or 'U' or 'R' && (char.IsAsciiDigit(fileName[1]) || fileName.StartsWith("R__", StringComparison.Ordinal));

    public static bool TryParse(string fileName, out FlywayFileName? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        if (Repeatable().Match(fileName) is { Success: true } repeatable)
        {
            parsed = new FlywayFileName('R', "", default, repeatable.Groups["description"].Value);
            return true;
        }

        if (Callback().Match(fileName) is { Success: true } callback)
        {
            // Flyway runs it around its commands; we run no callbacks, and silently skipping it would drop what it does.
            problem = $"it is a Flyway callback ({callback.Groups["event"].Value}), which Flyway runs around its commands and MigrationTasks does not run. " +
                "Move what it does into a migration (an R__ script re-runs whenever it changes)";
            return false;
        }

        if (Versioned().Match(fileName) is not { Success: true } match)
        {
            problem = "Flyway names are V<version>__<description>.sql, U<version>__<description>.sql or R__<description>.sql";
            return false;
        }

        // Flyway reads 2_1 as 2.1. The history table keeps versions as numbers, so one decimal point at most.
        var versionText = match.Groups["version"].Value.Replace('_', '.');
        if (!MigrationVersion.TryParseDecimal(versionText, out var version))
        {
            problem = $"the version {versionText} has more than two parts, which MigrationTasks cannot order yet";
            return false;
        }

        parsed = new FlywayFileName(match.Groups["prefix"].Value[0], versionText, version, match.Groups["description"].Value);
        return true;
    }

    /// <summary>Flyway's own order: part by part, numerically (1.2 before 1.10), missing parts as 0.</summary>
    public static int CompareAsFlyway(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = MigrationVersion.Parse(i < a.Length ? a[i] : "0");
            var y = MigrationVersion.Parse(i < b.Length ? b[i] : "0");
            if (x.CompareTo(y) != 0)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }
}

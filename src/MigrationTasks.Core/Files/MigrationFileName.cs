namespace MigrationTasks.Files;

public enum MigrationDirection
{
    Up,
    Down,
}

/// <summary>
/// The parts of a migration file name: <c>&lt;version&gt;_&lt;name&gt;[.up|.down].sql</c>.
/// Names allow letters and digits (of any script), '_', '-' and '.', because real projects write <c>upgrade_channels_v6.0</c>
/// and <c>0001_añadir_índice</c>.
/// </summary>
public sealed record MigrationFileName(MigrationVersion Version, string VersionText, string Name, MigrationDirection Direction)
{
    private const string SqlExtension = ".sql";

    /// <summary>Whether a file is meant to be a migration and so must parse, rather than be skipped.</summary>
    public static bool LooksLikeMigration(string fileName) =>
        fileName.EndsWith(SqlExtension, StringComparison.OrdinalIgnoreCase);

    public static bool TryParse(string fileName, out MigrationFileName? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        if (!fileName.EndsWith(SqlExtension, StringComparison.Ordinal))
        {
            problem = "the extension must be lower-case '.sql'";
            return false;
        }

        var stem = fileName.AsSpan(0, fileName.Length - SqlExtension.Length);
        var direction = MigrationDirection.Up;
        if (stem.EndsWith(".down", StringComparison.Ordinal))
        {
            direction = MigrationDirection.Down;
            stem = stem[..^".down".Length];
        }
        else if (stem.EndsWith(".up", StringComparison.Ordinal))
        {
            stem = stem[..^".up".Length];
        }

        var separator = stem.IndexOf('_');
        if (separator <= 0)
        {
            problem = "it must start with a numeric version followed by '_' and a name, such as 0001_create_users.sql";
            return false;
        }

        var versionText = stem[..separator];
        if (!MigrationVersion.TryParse(versionText, out var version))
        {
            problem = $"the version '{versionText}' must contain digits only, such as 0001 or 20260126120000";
            return false;
        }

        var name = stem[(separator + 1)..];
        if (name.IsEmpty)
        {
            problem = "the name after the version is empty";
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNameLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                problem = $"the name contains '{c}'; names may use letters, digits, '_', '-' and '.'";
                return false;
            }
        }

        parsed = new MigrationFileName(version, versionText.ToString(), name.ToString(), direction);
        return true;
    }

    // Letters and digits of any script (golang-migrate takes any name: 0001_añadir_índice.up.sql), with the combining
    // marks of a decomposed name (n + U+0303, as macOS may write ñ); still no spaces, slashes or other punctuation.
    private static bool IsNameLetterOrDigit(char c) =>
        char.IsLetterOrDigit(c)
        || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}

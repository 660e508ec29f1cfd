namespace MigrationTasks.Files;

/// <summary>
/// A version as the folder writes it, for messages: "0005", never the canonical "5" a user cannot find
/// in the file list. A version no file has (a deleted file, a typed target) takes the folder's padding
/// when every versioned file shares one zero-padded width.
/// </summary>
public static class VersionSpelling
{
    public static string Of(MigrationVersion version, IReadOnlyList<Migration> migrations)
    {
        int? width = null;
        var padded = false;
        foreach (var migration in migrations)
        {
            if (migration.Version == version)
            {
                return migration.VersionText;
            }

            if (migration.Repeatable)
            {
                continue;
            }

            width = width is null || width == migration.VersionText.Length ? migration.VersionText.Length : -1;
            padded |= migration.VersionText.Length > 1 && migration.VersionText[0] == '0';
        }

        var digits = version.Value;
        return padded && width is { } w && w > digits.Length && !version.IsNegative && digits.All(char.IsAsciiDigit) ? digits.PadLeft(w, '0') : digits;
    }
}

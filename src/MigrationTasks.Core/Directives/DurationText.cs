using System.Globalization;

namespace MigrationTasks.Directives;

/// <summary>
/// Durations as users write them in directives and configuration: a whole number with a unit, spelled
/// as PostgreSQL spells them (<c>500ms</c>, <c>5s</c>, <c>2min</c>, <c>1h</c>, <c>1d</c>), or <c>0</c> for "no limit".
/// </summary>
public static class DurationText
{
    private static readonly (string Unit, long Milliseconds)[] Units =
    [
        ("ms", 1),
        ("min", 60_000),
        ("s", 1_000),
        ("h", 3_600_000),
        ("d", 86_400_000),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        if (trimmed == "0")
        {
            duration = TimeSpan.Zero;
            return true;
        }

        foreach (var (unit, milliseconds) in Units)
        {
            if (trimmed.EndsWith(unit, StringComparison.Ordinal)
                && long.TryParse(trimmed.AsSpan(0, trimmed.Length - unit.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
                && amount <= int.MaxValue / milliseconds)
            {
                duration = TimeSpan.FromMilliseconds(amount * milliseconds);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a whole number of seconds, or a whole number with a unit, too large for any timeout
    /// (over int.MaxValue seconds, or milliseconds with a unit): a duration out of range, for a message that names the range
    /// rather than one saying it is no duration at all.
    /// </summary>
    public static bool IsTooLarge(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (IsDigits(trimmed))
        {
            return !long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > int.MaxValue;
        }

        return Units.Any(u => trimmed.EndsWith(u.Unit, StringComparison.Ordinal) && IsDigits(trimmed[..^u.Unit.Length])) && !TryParse(trimmed, out _);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>The duration as whole milliseconds in the form <see cref="TryParse"/> reads back (<c>1500ms</c>).</summary>
    public static string Format(TimeSpan duration) =>
        ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}

namespace MigrationTasks.Files;

/// <summary>
/// A migration version: a run of digits ordered numerically, so 0002 &lt; 10 and timestamps such as
/// 20260126120000 order correctly without any fixed width. Stored canonically (no leading zeros) so
/// that 0001 and 1 are the same version.
/// </summary>
public readonly struct MigrationVersion : IEquatable<MigrationVersion>, IComparable<MigrationVersion>
{
    private readonly string? _digits;

    private MigrationVersion(string canonicalDigits) => _digits = canonicalDigits;

    /// <summary>The canonical digits, without leading zeros ("0" for zero).</summary>
    public string Value => _digits ?? "0";

    public static bool TryParse(ReadOnlySpan<char> text, out MigrationVersion version)
    {
        version = default;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var trimmed = text.TrimStart('0');
        version = new MigrationVersion(trimmed.IsEmpty ? "0" : trimmed.ToString());
        return true;
    }

    public static MigrationVersion Parse(string text) =>
        TryParse(text, out var version)
            ? version
            : throw new FormatException($"'{text}' is not a migration version: a version is a run of digits such as 0001 or 20260126120000.");

    // Canonical digit strings compare numerically by length first, then ordinally.
    public int CompareTo(MigrationVersion other)
    {
        var byLength = Value.Length.CompareTo(other.Value.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(Value, other.Value);
    }

    public bool Equals(MigrationVersion other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is MigrationVersion other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(MigrationVersion left, MigrationVersion right) => left.Equals(right);

    public static bool operator !=(MigrationVersion left, MigrationVersion right) => !left.Equals(right);

    public static bool operator <(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MigrationVersion left, MigrationVersion right) => left.CompareTo(right) >= 0;
}

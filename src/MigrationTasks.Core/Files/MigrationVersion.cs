namespace MigrationTasks.Files;

/// <summary>
/// A migration version: a run of digits ordered numerically, so 0002 &lt; 10 and timestamps such as
/// 20260126120000 order correctly without any fixed width. Stored canonically (no leading zeros) so
/// that 0001 and 1 are the same version. Flyway folders also write a decimal version (1.1, 2_1):
/// <see cref="TryParseDecimal"/> reads those, canonical without trailing fraction zeros, ordered as
/// the numbers they are (which is how the history table's numeric column orders them too).
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

    /// <summary>Digits with at most one '.' and digits after it (1.1, 0002.10); our own file names never take this form.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out MigrationVersion version) => TryParseDecimal(text, out version, allowNegative: false);

    /// <summary>A negative version: the place a repeatable migration's row takes in the history table.</summary>
    public static MigrationVersion Negative(long magnitude) =>
        new("-" + magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool IsNegative => Value.StartsWith('-');

    private static bool TryParseDecimal(ReadOnlySpan<char> text, out MigrationVersion version, bool allowNegative)
    {
        if (allowNegative && text.StartsWith("-") && TryParseDecimal(text[1..], out var magnitude, allowNegative: false) && magnitude.Value != "0")
        {
            version = new MigrationVersion("-" + magnitude.Value);
            return true;
        }

        var dot = text.IndexOf('.');
        if (dot < 0)
        {
            return TryParse(text, out version);
        }

        version = default;
        var fraction = text[(dot + 1)..];
        if (!TryParse(text[..dot], out var whole) || fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var trimmed = fraction.TrimEnd('0');
        version = trimmed.IsEmpty ? whole : new MigrationVersion(whole.Value + "." + trimmed.ToString());
        return true;
    }

    /// <summary>Reads a version as the history table gives it back (numeric as text), so decimal versions too.</summary>
    public static MigrationVersion Parse(string text) =>
        TryParseDecimal(text, out var version, allowNegative: true)
            ? version
            : throw new FormatException($"'{text}' is not a migration version: a version is a run of digits such as 0001 or 20260126120000.");

    // Canonical whole parts compare numerically by length first, then ordinally; canonical fractions
    // (no trailing zeros) compare ordinally, which for digits after a decimal point is numeric order.
    // A negative version (a repeatable migration's place in the history, never a file's) is below all others.
    public int CompareTo(MigrationVersion other)
    {
        var negative = Value.StartsWith('-');
        if (negative != other.Value.StartsWith('-'))
        {
            return negative ? -1 : 1;
        }

        var magnitude = CompareMagnitude(Value.TrimStart('-'), other.Value.TrimStart('-'));
        return negative ? -magnitude : magnitude;
    }

    private static int CompareMagnitude(string left, string right)
    {
        var leftDot = left.IndexOf('.', StringComparison.Ordinal);
        var rightDot = right.IndexOf('.', StringComparison.Ordinal);
        var leftWhole = leftDot < 0 ? left.AsSpan() : left.AsSpan(0, leftDot);
        var rightWhole = rightDot < 0 ? right.AsSpan() : right.AsSpan(0, rightDot);
        var byLength = leftWhole.Length.CompareTo(rightWhole.Length);
        if (byLength != 0)
        {
            return byLength;
        }

        var byWhole = leftWhole.SequenceCompareTo(rightWhole);
        return byWhole != 0 ? byWhole
            : (leftDot < 0 ? [] : left.AsSpan(leftDot + 1)).SequenceCompareTo(rightDot < 0 ? [] : right.AsSpan(rightDot + 1));
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

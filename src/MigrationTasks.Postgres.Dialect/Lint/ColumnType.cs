using System.Globalization;

namespace MigrationTasks.Lint;

/// <summary>
/// A column type as far as a widening needs it: <c>varchar(n)</c> (<c>character varying(n)</c>), unbounded
/// <c>varchar</c>, <c>text</c>, or anything else by its name.
/// </summary>
internal sealed record ColumnType(string Name, int? Length)
{
    private const string Varchar = "varchar";

    /// <summary>The type at <paramref name="typeAt"/> and the index just past it.</summary>
    public static ColumnType? Read(StatementWords w, int typeAt, out int next)
    {
        next = typeAt;
        if (w.Identifier(typeAt) is not { } name)
        {
            return null;
        }

        var at = typeAt + 1;
        if ((name is "character" or "char") && w.Is(at, "VARYING"))
        {
            (name, at) = (Varchar, at + 1);
        }

        int? length = null;
        if (w.IsPunctuation(at, '(') && w.IsPunctuation(at + 2, ')')
            && int.TryParse(w.Statement.Text.AsSpan(w.TokenAt(at + 1).Offset, w.TokenAt(at + 1).Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            (length, at) = (n, at + 3);
        }

        next = at;
        return new ColumnType(name, length);
    }

    /// <summary>
    /// Whether changing a column from this type to <paramref name="to"/> keeps every value and its bytes, so
    /// PostgreSQL neither rewrites nor checks the table: varchar(n) to a larger n, to varchar or to text, and
    /// between varchar and text (LintPrecisionServerTests holds it to pg_relation_filenode).
    /// </summary>
    public bool WidensTo(ColumnType to)
    {
        var fromText = Name is Varchar or "text";
        var toUnbounded = (to.Name == Varchar && to.Length is null) || to.Name == "text";
        return fromText && (toUnbounded || (Name == Varchar && Length is { } from && to.Name == Varchar && to.Length >= from));
    }
}

namespace MigrationTasks.Lint;

/// <summary>
/// The parenthesized options of VACUUM and REINDEX, read the way PostgreSQL reads them: an option named
/// alone is on, and a value turns it off only when it is false, off or 0 (quoted or not, see <see cref="StatementWords.IsFalse"/>).
/// </summary>
internal static class Vacuums
{
    /// <summary>Whether the option list right after the command word turns <paramref name="option"/> on.</summary>
    public static bool OptionOn(StatementWords w, string option)
    {
        var end = w.SkipParentheses(1);
        for (var i = 2; i < end; i++)
        {
            if (w.Is(i, option) && (w.IsPunctuation(i - 1, '(') || w.IsPunctuation(i - 1, ',')))
            {
                return !w.IsFalse(i + 1);
            }
        }

        return false;
    }

    /// <summary>For VACUUM FULL or VACUUM (FULL ...), the index of the first word after the options; otherwise null.</summary>
    public static int? Full(StatementWords w)
    {
        if (w.Is(1, "FULL"))
        {
            return w.Is(2, "FREEZE") || w.Is(2, "VERBOSE") || w.Is(2, "ANALYZE") ? Full(w, 3) : 2;
        }

        return w.IsPunctuation(1, '(') && OptionOn(w, "FULL") ? w.SkipParentheses(1) : null;
    }

    // VACUUM FULL FREEZE VERBOSE ANALYZE t: the old syntax's words come in this order, each optional.
    private static int Full(StatementWords w, int at) => w.Is(at, "VERBOSE") || w.Is(at, "ANALYZE") ? Full(w, at + 1) : at;
}

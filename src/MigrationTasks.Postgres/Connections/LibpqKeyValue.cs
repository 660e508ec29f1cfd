namespace MigrationTasks.Postgres.Connections;

/// <summary>
/// The libpq keyword/value form, <c>host=db user=app password='a b\'c' dbname=orders</c>, read the way
/// libpq's conninfo_parse reads it: whitespace separates pairs, spaces around '=' are allowed, a value
/// ends at whitespace unless single-quoted, and a backslash takes the next character literally (quoted
/// or not). Reading it any other way can turn "host=h password=secret" into one host value that every
/// message then prints, password and all.
/// </summary>
internal static class LibpqKeyValue
{
    /// <summary>One keyword and its value, in the order written; <paramref name="Quoted"/> when the value was in quotes.</summary>
    public readonly record struct Pair(string Key, string Value, bool Quoted);

    /// <summary>
    /// Splits <paramref name="text"/> into pairs; null when libpq would refuse it (a word without '=',
    /// an unterminated quote). Keywords are not checked here: the caller decides what it supports.
    /// </summary>
    public static List<Pair>? TryRead(string text)
    {
        var pairs = new List<Pair>();
        var i = 0;
        while (true)
        {
            SkipSpace(text, ref i);
            if (i >= text.Length)
            {
                return pairs;
            }

            var keyStart = i;
            while (i < text.Length && text[i] != '=' && !IsSpace(text[i]))
            {
                i++;
            }

            var key = text[keyStart..i];
            SkipSpace(text, ref i);
            if (i >= text.Length || text[i] != '=' || key.Length == 0)
            {
                return null;
            }

            i++;
            SkipSpace(text, ref i);
            var quoted = i < text.Length && text[i] == '\'';
            var value = quoted ? ReadQuoted(text, ref i) : ReadBare(text, ref i);
            if (value is null)
            {
                return null;
            }

            pairs.Add(new Pair(key, value, quoted));
        }
    }

    private static string ReadBare(string text, ref int i)
    {
        var value = new System.Text.StringBuilder();
        while (i < text.Length && !IsSpace(text[i]))
        {
            if (text[i] == '\\')
            {
                i++;
                if (i >= text.Length)
                {
                    break;
                }
            }

            value.Append(text[i++]);
        }

        return value.ToString();
    }

    // libpq needs no space after the closing quote: "a='x'b=y" is two pairs.
    private static string? ReadQuoted(string text, ref int i)
    {
        var value = new System.Text.StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '\'')
            {
                return value.ToString();
            }

            if (c == '\\' && i < text.Length)
            {
                c = text[i++];
            }

            value.Append(c);
        }

        return null;
    }

    // C's isspace, as libpq uses it: a no-break space is part of a value, not a separator.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }
    }
}

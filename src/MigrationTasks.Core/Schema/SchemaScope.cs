using System.Text;

namespace MigrationTasks.Schema;

/// <summary>
/// What a schema fingerprint describes (recorded, <c>drift</c>, <c>dump</c>, <c>verify</c>): the schemas it reads
/// (null: every user schema) and the objects it leaves out, by globs over their identities as drift prints them
/// (<c>audit.*</c>, <c>public.tmp_*</c>, <c>*.pgbouncer_*</c>). <c>*</c> is any run of characters, dots included,
/// and <c>?</c> one character; a glob also excludes the schema or table whose members it covers, so
/// <c>audit.*</c> leaves out the schema <c>audit</c> as well as everything in it.
/// </summary>
public sealed record SchemaScope(IReadOnlyList<string>? Schemas, IReadOnlyList<string> Exclude)
{
    /// <summary>The whole database, nothing excluded.</summary>
    public static readonly SchemaScope Everything = new(null, []);

    /// <summary>Why <paramref name="glob"/> cannot be used, or null when it can.</summary>
    public static string? GlobProblem(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        if (glob.Trim().Length == 0)
        {
            return "an exclusion glob is empty; write an object identity such as 'audit.*' or 'public.tmp_*'";
        }

        if (glob.Trim().Length != glob.Length || glob.Any(char.IsControl))
        {
            return $"the exclusion glob '{glob}' has leading or trailing blanks or a control character; identities have neither, so it would match nothing";
        }

        // Character classes and alternatives are not glob syntax here: a user who writes them expects them to work.
        return glob.IndexOfAny(['[', ']', '{', '}']) is var at and >= 0
            ? $"the exclusion glob '{glob}' uses '{glob[at]}', which is not supported: only '*' (any characters) and '?' (one character); quote-free identities such as 'public.tmp_*'"
            : null;
    }

    /// <summary>
    /// A regular expression, read alike by PostgreSQL's <c>~</c> and .NET, that matches whole identities some glob covers;
    /// an object is excluded when it matches its identity, or its identity followed by a dot (<see cref="Excludes"/>).
    /// Null when nothing is excluded.
    /// </summary>
    public string? ExclusionPattern()
    {
        if (Exclude.Count == 0)
        {
            return null;
        }

        var pattern = new StringBuilder("^(");
        foreach (var glob in Exclude)
        {
            if (pattern.Length > 2)
            {
                pattern.Append('|');
            }

            foreach (var c in glob)
            {
                pattern.Append(c switch
                {
                    '*' => ".*",
                    '?' => ".",
                    _ when char.IsLetterOrDigit(c) || c == '_' => c.ToString(),
                    _ => "\\" + c,
                });
            }
        }

        return pattern.Append(")$").ToString();
    }

    /// <summary>Whether the object named <paramref name="identity"/> is left out (for fingerprints filtered off the server).</summary>
    public bool Excludes(string identity) =>
        ExclusionPattern() is { } pattern
        && (System.Text.RegularExpressions.Regex.IsMatch(identity, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant)
            || System.Text.RegularExpressions.Regex.IsMatch(identity + ".", pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant));
}

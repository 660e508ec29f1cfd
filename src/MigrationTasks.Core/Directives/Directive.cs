namespace MigrationTasks.Directives;

/// <summary>
/// Reads a directive's argument into the migration's directives, or says what is wrong with it (then the
/// directives are left as they were).
/// </summary>
/// <param name="line">The directive's line, which a waiver keeps.</param>
/// <param name="problem">Why the argument is refused, for an error at the directive (MT1007); null when it is read.</param>
public delegate MigrationDirectives DirectiveReader(MigrationDirectives directives, string argument, int line, out string? problem);

/// <summary>
/// One <c>-- migrate:</c> directive of a dialect's vocabulary (<see cref="DirectiveSet"/>): its name and what its
/// argument means. A dialect composes its vocabulary from these.
/// </summary>
public sealed record Directive(string Name, DirectiveReader Read)
{
    /// <summary>Whether the directive may be given more than once (each <c>allow</c> waives one rule); any other twice is an error.</summary>
    public bool Repeats { get; init; }

    /// <summary>
    /// The warning for a directive the engine accepts but does not honour (its argument is still checked), in the
    /// dialect's words; null when the engine honours it. The lint step reports it at the directive (MT2030).
    /// </summary>
    public string? IgnoredWarning { get; init; }

    /// <summary>This directive, accepted and checked but not honoured by the engine, with the warning that says so.</summary>
    public Directive Ignored(string warning) => this with { IgnoredWarning = warning };

    /// <summary>A directive that takes no argument and sets one thing (<c>no-transaction</c>).</summary>
    public static Directive Flag(string name, Func<MigrationDirectives, MigrationDirectives> set) =>
        new(name, (MigrationDirectives directives, string argument, int line, out string? problem) =>
        {
            problem = argument.Length > 0 ? $"the directive '{name}' takes no argument; remove '{argument}'" : null;
            return problem is null ? set(directives) : directives;
        });

    /// <summary>A directive whose argument is a duration (<see cref="DurationText"/>): <c>lock-timeout 5s</c>.</summary>
    public static Directive Duration(string name, Func<MigrationDirectives, TimeSpan, MigrationDirectives> set) =>
        new(name, (MigrationDirectives directives, string argument, int line, out string? problem) =>
        {
            var read = DurationText.TryParse(argument, out var duration);
            problem = read ? null : $"'{name}' needs a duration such as 5s, 500ms, 2min or 0 (no limit), not '{argument}'";
            return read ? set(directives, duration) : directives;
        });

    /// <summary>A lint waiver, a rule and a reason, given once per rule: <c>allow drop-column the column was unused since v3</c>.</summary>
    public static Directive Waiver(string name) =>
        new(name, (MigrationDirectives directives, string argument, int line, out string? problem) =>
        {
            var parts = argument.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            problem = parts.Length < 2 ? $"'{name}' needs a rule and a reason, such as: -- migrate:{name} drop-column the column was unused since v3" : null;
            return problem is null ? directives with { Waivers = [.. directives.Waivers, new LintWaiver(parts[0], parts[1], line)] } : directives;
        }) { Repeats = true };
}

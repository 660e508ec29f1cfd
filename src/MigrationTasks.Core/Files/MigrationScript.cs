using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Layouts;
using MigrationTasks.Sql;

namespace MigrationTasks.Files;

/// <summary>One SQL file, decoded, hashed, split into statements, with its directives.</summary>
/// <remarks>
/// A script the runner read with its checks deferred (<see cref="ScriptReader.ReadDeferred"/>) is split on first
/// use: an applied migration whose checksum matches needs its checksum only, so a run with nothing to do
/// never splits it (<see cref="MigrationSet.WithChecks"/>).
/// </remarks>
public sealed record MigrationScript
{
    private readonly Lazy<ParsedScript> _parsed;

    public MigrationScript(string path, string text, string checksum, MigrationDirectives directives, IReadOnlyList<SqlStatement> statements)
        : this(path, text, checksum, new Lazy<ParsedScript>(new ParsedScript(directives, statements, [], [])), deferred: false)
    {
    }

    private MigrationScript(string path, string text, string checksum, Lazy<ParsedScript> parsed, bool deferred)
    {
        Path = path;
        Text = text;
        Checksum = checksum;
        _parsed = parsed;
        HasDeferredChecks = deferred;
        IsDown = System.IO.Path.GetFileName(path).EndsWith(".down.sql", StringComparison.Ordinal);
    }

    /// <summary>A script whose splitting and checks run when first needed; <paramref name="parse"/> returns their problems too.</summary>
    internal static MigrationScript Deferred(string path, string text, string checksum, Func<ParsedScript> parse) =>
        new(path, text, checksum, new Lazy<ParsedScript>(parse), deferred: true);

    public string Path { get; init; }

    public string Text { get; init; }

    public string Checksum { get; init; }

    public MigrationDirectives Directives => _parsed.Value.Directives;

    public IReadOnlyList<SqlStatement> Statements => _parsed.Value.Statements;

    public bool IsEmpty => Statements.Count == 0;

    /// <summary>The <c>-- migrate:allow</c> waivers written after the first statement, each for the statement it sits on.</summary>
    public IReadOnlyList<LintWaiver> StatementWaivers
    {
        get => _statementWaivers ?? _parsed.Value.StatementWaivers;
        init => _statementWaivers = value;
    }

    private readonly IReadOnlyList<LintWaiver>? _statementWaivers;

    /// <summary>Whether this is a down script: by its name in our layout, by its section or file prefix in another tool's.</summary>
    public bool IsDown { get; init; }

    /// <summary>The layout the script was written in, which decides how its tool's markers are read (<see cref="LayoutText"/>).</summary>
    public MigrationLayout Layout { get; init; } = MigrationLayout.MigrationTasks;

    /// <summary>Whether the problems of splitting and checking this script were left for <see cref="MigrationSet.WithChecks"/> to report.</summary>
    internal bool HasDeferredChecks { get; }

    /// <summary>What splitting and checking a deferred script found (it is split now if it was not yet).</summary>
    internal IReadOnlyList<Diagnostic> DeferredProblems => _parsed.Value.Problems;
}

/// <summary>What splitting and checking a script gives: its directives, statements, later waivers, and problems.</summary>
internal sealed record ParsedScript(
    MigrationDirectives Directives, IReadOnlyList<SqlStatement> Statements, IReadOnlyList<LintWaiver> StatementWaivers, IReadOnlyList<Diagnostic> Problems);

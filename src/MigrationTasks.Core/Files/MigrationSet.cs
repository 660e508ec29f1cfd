using MigrationTasks.Diagnostics;

namespace MigrationTasks.Files;

/// <summary>The migrations of a folder or bundle in version order, with what was wrong with their files.</summary>
/// <remarks>Reading never lints: the safety rules are their own step over the set (<see cref="Lint.LintPass"/>).</remarks>
public sealed record MigrationSet(IReadOnlyList<Migration> Migrations, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>
    /// Every script read, in reading order: the migrations' and any left out of them (a down file
    /// without its up), so that the linter judges what the reader read.
    /// </summary>
    public IReadOnlyList<ReadScript> Scripts { get; init; } = [];

    /// <summary>Splits the scripts read with deferred checks, newest first, until <paramref name="cancellationToken"/> fires.</summary>
    /// <remarks>Work done ahead for <see cref="WithChecks"/>: it reports nothing, and the scripts keep what it found.</remarks>
    public void SplitAhead(CancellationToken cancellationToken)
    {
        for (var i = Scripts.Count - 1; i >= 0 && !cancellationToken.IsCancellationRequested; i--)
        {
            if (Scripts[i].Script.HasDeferredChecks)
            {
                _ = Scripts[i].Script.DeferredProblems;
            }
        }
    }

    /// <summary>
    /// Splits and checks the scripts read with their checks deferred (<see cref="MigrationDirectory.Load"/>) that
    /// <paramref name="needsChecks"/> selects, and returns the set with their problems where reading every file at
    /// once would have put them, and the problems added. The others stay unchecked: an applied migration whose
    /// checksum matches was checked when it was pending, and it is split only if something reads its statements.
    /// </summary>
    public (MigrationSet Set, IReadOnlyList<Diagnostic> Added) WithChecks(Func<MigrationScript, bool> needsChecks)
    {
        ArgumentNullException.ThrowIfNull(needsChecks);
        var checkedHere = Scripts.Where(s => s.Script.HasDeferredChecks && needsChecks(s.Script)).ToList();
        if (checkedHere.Count == 0)
        {
            return (this, []);
        }

        // Split on every core: on a fresh database that is every file of the folder.
        var problems = new IReadOnlyList<Diagnostic>[checkedHere.Count];
        Parallel.For(0, checkedHere.Count, i => problems[i] = checkedHere[i].Script.DeferredProblems);

        var diagnostics = new List<Diagnostic>(Diagnostics.Count);
        var scripts = new List<ReadScript>(Scripts.Count);
        var added = new List<Diagnostic>();
        var taken = 0;
        var next = 0;
        foreach (var read in Scripts)
        {
            // A script's problems follow the set's diagnostics before it, as they would have been added while reading.
            diagnostics.AddRange(Diagnostics.Skip(taken).Take(read.FindingsAt - taken));
            taken = read.FindingsAt;
            if (next < checkedHere.Count && ReferenceEquals(checkedHere[next], read))
            {
                diagnostics.AddRange(problems[next]);
                added.AddRange(problems[next]);
                next++;
            }

            scripts.Add(read with { FindingsAt = diagnostics.Count });
        }

        diagnostics.AddRange(Diagnostics.Skip(taken));
        return (new MigrationSet(Migrations, diagnostics) { Scripts = scripts }, added);
    }
}

/// <summary>A script as read, and where its lint findings are reported: after its own problems.</summary>
/// <param name="FindingsAt">How many of the set's <see cref="MigrationSet.Diagnostics"/> come before its lint findings.</param>
public sealed record ReadScript(MigrationScript Script, int FindingsAt);

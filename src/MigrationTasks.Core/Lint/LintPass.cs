using MigrationTasks.Diagnostics;
using MigrationTasks.Dialects;
using MigrationTasks.Files;

namespace MigrationTasks.Lint;

/// <summary>
/// The safety rules (the dialect's) as their own step over migrations already read. Reading never lints, so each
/// caller lints what it judges: the build and <c>migrations lint</c> every script in the lint scope,
/// the runner only what is pending. Scripts are independent: they are linted in parallel and their
/// findings kept in reading order.
/// </summary>
public static class LintPass
{
    /// <summary>Lints every script of <paramref name="set"/> except those of migrations <paramref name="scope"/> leaves out.</summary>
    /// <param name="severities">Lint rule severities from migrations.yaml by rule id (null for off); null for the defaults.</param>
    /// <param name="scope">Which migrations the rules judge (lint.since, lint.enabled); null for all.</param>
    /// <param name="cache">Findings of earlier runs by script (the build's); null to lint every script.</param>
    public static LintFindings Run(
        IMigrationDialect dialect, MigrationSet set, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, LintScope? scope = null, LintCache? cache = null)
    {
        var outside = scope is null ? [] : set.Migrations.Where(m => !scope.Covers(m.Version))
            .SelectMany(m => m.Down is null ? [m.Up.Path] : new[] { m.Up.Path, m.Down.Path })
            .ToHashSet(StringComparer.Ordinal);
        var judged = set.Scripts.Where(s => !outside.Contains(s.Script.Path)).ToList();
        var findings = Check(dialect, judged.Select(s => s.Script).ToList(), set.Migrations, severities, cache);
        return new LintFindings([.. judged.Select((s, i) => (s.FindingsAt, findings[i]))]);
    }

    /// <summary>Lints the up and down scripts of <paramref name="migrations"/>, in their order (the runner's pending ones).</summary>
    /// <param name="all">Every migration of the folder, whose earlier ones the rules may consult; null for <paramref name="migrations"/> alone.</param>
    public static IReadOnlyList<Diagnostic> Run(
        IMigrationDialect dialect, IReadOnlyList<Migration> migrations, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, IReadOnlyList<Migration>? all = null)
    {
        var scripts = migrations.SelectMany(m => m.Down is { } down ? [m.Up, down] : new[] { m.Up }).ToList();
        return [.. Check(dialect, scripts, all ?? migrations, severities).SelectMany(f => f)];
    }

    private static List<Diagnostic>[] Check(
        IMigrationDialect dialect, List<MigrationScript> scripts, IReadOnlyList<Migration> all, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, LintCache? cache = null)
    {
        // A script's position is its migration's place in the folder; its down script sees what its up script saw.
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            positions.TryAdd(all[i].Up.Path + (all[i].Up.IsDown ? "#down" : ""), i);
            if (all[i].Down is { } down)
            {
                positions.TryAdd(down.Path + "#down", i);
            }
        }

        var positionOf = scripts.Select(s => positions.GetValueOrDefault(Key(s), 0)).ToList();
        var keys = cache?.KeysOf(dialect.Name, severities, scripts, positionOf, all);
        var findings = new List<Diagnostic>[scripts.Count];
        var unlinted = new List<int>(scripts.Count);
        for (var i = 0; i < scripts.Count; i++)
        {
            if (keys is not null && cache!.TryGet(keys[i], out var cached))
            {
                findings[i] = [.. cached];
            }
            else
            {
                unlinted.Add(i);
            }
        }

        var last = unlinted.Count == 0 ? -1 : unlinted.Max(i => positions.GetValueOrDefault(Key(scripts[i]), -1));
        var history = last <= 0 ? null : dialect.ReadLintHistory([.. all.Take(last).Select(m => m.Up)]);
        Parallel.ForEach(unlinted, i =>
        {
            findings[i] = [.. IgnoredDirectiveWarnings.Of(scripts[i])];
            dialect.Lint(scripts[i], history, positionOf[i], severities, findings[i]);
        });
        foreach (var i in unlinted)
        {
            cache?.Keep(keys![i], findings[i]);
        }

        return findings;
    }

    // One file may hold both scripts (a sectioned layout): the down one is told apart by its flag.
    private static string Key(MigrationScript script) => script.Path + (script.IsDown ? "#down" : "");
}

/// <summary>What the safety rules found in a set, each script's findings with the place they are reported at.</summary>
public sealed record LintFindings(IReadOnlyList<(int At, List<Diagnostic> Findings)> ByScript)
{
    public IReadOnlyList<Diagnostic> All => [.. ByScript.SelectMany(s => s.Findings)];

    public bool HasErrors => ByScript.Any(s => s.Findings.Any(d => d.IsError));

    /// <summary>The set's problems with these findings among them, each script's after its own problems: how the build and <c>migrations lint</c> report them.</summary>
    public IReadOnlyList<Diagnostic> ReportedWith(MigrationSet set)
    {
        var merged = new List<Diagnostic>(set.Diagnostics.Count + ByScript.Sum(s => s.Findings.Count));
        var taken = 0;
        foreach (var (at, findings) in ByScript)
        {
            merged.AddRange(set.Diagnostics.Skip(taken).Take(at - taken));
            taken = Math.Max(taken, at);
            merged.AddRange(findings);
        }

        merged.AddRange(set.Diagnostics.Skip(taken));
        return merged;
    }
}

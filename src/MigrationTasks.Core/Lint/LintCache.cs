using System.Globalization;
using System.Text;
using MigrationTasks.Checksums;
using MigrationTasks.Diagnostics;
using MigrationTasks.Files;
using MigrationTasks.Text;

namespace MigrationTasks.Lint;

/// <summary>
/// Each script's lint findings kept between builds, so that a build after one new migration lints that file
/// rather than the whole folder. A script's entry is found by a key over everything its findings depend on:
/// the rules (<see cref="Open"/>'s <c>rules</c>: which build of the tool, which dialect, which severities), the
/// script itself (path, checksum, layout, how it runs) and the checksums of every up script before it (the
/// schema history some rules consult). A missing, unreadable or foreign file is an empty cache. It is written
/// only when an entry changed, and holds the entries of the last run only, so it never grows.
/// </summary>
public sealed class LintCache
{
    private const string Header = "migrationtasks-lint-cache 1";

    private readonly string _path;
    private readonly string _rules;
    private readonly Dictionary<string, Diagnostic[]> _stored;
    private readonly Dictionary<string, Diagnostic[]> _kept = new(StringComparer.Ordinal);

    private LintCache(string path, string rules, Dictionary<string, Diagnostic[]> stored)
    {
        _path = path;
        _rules = rules;
        _stored = stored;
    }

    /// <summary>Scripts linted in the last run because their entry was missing (a test and a build log read it).</summary>
    public int Misses { get; private set; }

    /// <param name="path">The cache file (a build's intermediate folder).</param>
    /// <param name="rules">What identifies the rules: the tool's build, so a new tool never reads an old tool's findings.</param>
    public static LintCache Open(string path, string rules)
    {
        var stored = new Dictionary<string, Diagnostic[]>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                Read(File.ReadAllLines(path), stored);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            stored.Clear(); // a cache that cannot be read is no cache: every script is linted again
        }

        return new LintCache(path, rules, stored);
    }

    /// <summary>The keys of <paramref name="scripts"/>, each over the rules, itself and the up scripts of <paramref name="all"/> before <paramref name="positions"/>.</summary>
    internal string[] KeysOf(string dialect, IReadOnlyDictionary<string, DiagnosticSeverity?>? severities, IReadOnlyList<MigrationScript> scripts, IReadOnlyList<int> positions, IReadOnlyList<Migration> all)
    {
        var rules = $"{_rules}\n{dialect}\n{string.Join(",", (severities ?? new Dictionary<string, DiagnosticSeverity?>()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value?.ToString() ?? "off"}"))}";
        // earlier[p]: a digest of the checksums of the up scripts at positions 0..p-1.
        var earlier = new string[all.Count + 1];
        earlier[0] = "";
        for (var p = 0; p < all.Count; p++)
        {
            earlier[p + 1] = Hash(earlier[p] + all[p].Up.Checksum);
        }

        return [.. scripts.Select((s, i) => Hash($"{rules}\n{earlier[Math.Clamp(positions[i], 0, all.Count)]}\n{s.Path}\n{s.IsDown}\n{s.Layout}\n{s.Checksum}\n{s.Directives}"))];
    }

    internal bool TryGet(string key, out Diagnostic[] findings)
    {
        if (_stored.TryGetValue(key, out findings!))
        {
            _kept[key] = findings;
            return true;
        }

        Misses++;
        return false;
    }

    internal void Keep(string key, IReadOnlyList<Diagnostic> findings) => _kept[key] = [.. findings];

    /// <summary>Writes the entries of this run when they differ from what was read; a failed write only costs the next build a full lint.</summary>
    public void Save()
    {
        if (_kept.Count == _stored.Count && _kept.Keys.All(_stored.ContainsKey))
        {
            return;
        }

        var lines = new List<string> { Header };
        foreach (var (key, findings) in _kept.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{key}\t{findings.Length}"));
            lines.AddRange(findings.Select(d => string.Join('\t',
                d.Code, d.IsError ? "E" : "W", d.Line.ToString(CultureInfo.InvariantCulture), d.Column.ToString(CultureInfo.InvariantCulture),
                Escape(d.File), Escape(d.Setting), Escape(d.Message))));
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
            AtomicFile.Write(_path, Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + Environment.NewLine))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void Read(string[] lines, Dictionary<string, Diagnostic[]> stored)
    {
        if (lines.Length == 0 || lines[0] != Header)
        {
            return;
        }

        for (var i = 1; i < lines.Length;)
        {
            var entry = lines[i++].Split('\t');
            var findings = new Diagnostic[int.Parse(entry[1], CultureInfo.InvariantCulture)];
            for (var f = 0; f < findings.Length; f++)
            {
                var field = lines[i++].Split('\t');
                findings[f] = new Diagnostic(field[0], field[1] == "E" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, Unescape(field[6])!,
                    Unescape(field[4]), int.Parse(field[2], CultureInfo.InvariantCulture), int.Parse(field[3], CultureInfo.InvariantCulture)) { Setting = Unescape(field[5]) };
            }

            stored[entry[0]] = findings;
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(text)));

    // "\0" stands for null; anything else is a field as TabField writes it.
    private static string Escape(string? text) => text is null ? "\\0" : TabField.Escape(text);

    private static string? Unescape(string text) => text == "\\0" ? null : TabField.Unescape(text);
}

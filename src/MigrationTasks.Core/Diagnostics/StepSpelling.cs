using System.Text.RegularExpressions;

namespace MigrationTasks.Diagnostics;

/// <summary>
/// How one front end spells the <see cref="NextStep"/>s the engine's messages name. Every step is abstract, so
/// a new step does not build until each front end has said how its users take it. <see cref="Fill(string)"/>
/// is the one place a message's markers become words.
/// </summary>
public abstract partial class StepSpelling
{
    /// <summary>The engine's own words, for text no front end renders (the audit row of a run whose front end gave none).</summary>
    public static StepSpelling Words { get; } = new WordSpelling();

    public abstract string Repair { get; }

    public abstract string Resume { get; }

    public abstract string Up { get; }

    public abstract string Drift { get; }

    public abstract string NewMigration { get; }

    public abstract string RewriteSum { get; }

    public abstract string AcceptSum { get; }

    public abstract string SkipDriftCheck { get; }

    public abstract string AllowEmptyFleet { get; }

    public abstract string MarkApplied(string version);

    public abstract string Baseline(string? version);

    public string Spell(NextStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Kind switch
        {
            NextStepKind.Repair => Repair,
            NextStepKind.Resume => Resume,
            NextStepKind.Up => Up,
            NextStepKind.MarkApplied => MarkApplied(step.Argument ?? "<version>"),
            NextStepKind.Baseline => Baseline(step.Argument),
            NextStepKind.Drift => Drift,
            NextStepKind.NewMigration => NewMigration,
            NextStepKind.RewriteSum => RewriteSum,
            NextStepKind.AcceptSum => AcceptSum,
            NextStepKind.SkipDriftCheck => SkipDriftCheck,
            NextStepKind.AllowEmptyFleet => AllowEmptyFleet,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "a step no spelling knows"),
        };
    }

    /// <summary>The text with every step marker replaced by this front end's spelling.</summary>
    public string Fill(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains(NextStep.Open, StringComparison.Ordinal)
            ? Marker().Replace(text, m => Spell(new NextStep(Enum.Parse<NextStepKind>(m.Groups["kind"].Value), m.Groups["argument"].Success ? m.Groups["argument"].Value : null)))
            : text;
    }

    public Diagnostic Fill(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic.Message.Contains(NextStep.Open, StringComparison.Ordinal) ? diagnostic with { Message = Fill(diagnostic.Message) } : diagnostic;
    }

    public IReadOnlyList<Diagnostic> Fill(IReadOnlyList<Diagnostic> diagnostics) => diagnostics.Select(Fill).ToList();

    [GeneratedRegex("\u27E6(?<kind>[A-Za-z]+)(?: (?<argument>[^\u27E7]*))?\u27E7", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    // The action in the engine's words, as the audit row of an in-process run without a spelling of its own says it.
    private sealed class WordSpelling : StepSpelling
    {
        public override string Repair => "repair";

        public override string Resume => "up with resume";

        public override string Up => "up";

        public override string Drift => "drift";

        public override string NewMigration => "new <name>";

        public override string RewriteSum => "a rewrite of migrations.sum";

        public override string AcceptSum => "a rewrite of migrations.sum";

        public override string SkipDriftCheck => "run without the drift check";

        public override string AllowEmptyFleet => "allow an empty fleet";

        public override string MarkApplied(string version) => $"mark-applied {version}";

        public override string Baseline(string? version) => version is null ? "baseline" : $"baseline {version}";
    }
}

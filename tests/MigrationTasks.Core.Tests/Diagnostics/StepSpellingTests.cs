using MigrationTasks.Diagnostics;

namespace MigrationTasks.Core.Tests.Diagnostics;

/// <summary>A message names its next steps as markers; a front end's spelling fills every one, arguments included.</summary>
public sealed class StepSpellingTests
{
    [Test]
    public void Every_marker_in_a_message_is_filled_with_the_front_ends_spelling()
    {
        var message = $"fix it, then run {NextStep.Repair} (or {NextStep.MarkApplied("0002")} if it is complete; {NextStep.Baseline()} too)";

        var filled = new Brackets().Fill(message);

        Assert.That(filled, Is.EqualTo("fix it, then run [Repair] (or [MarkApplied 0002] if it is complete; [Baseline -] too)"));
    }

    [Test]
    public void The_engines_own_words_leave_no_marker()
    {
        var filled = StepSpelling.Words.Fill($"run {NextStep.Resume} or {NextStep.MarkApplied("<version>")}");

        Assert.That(filled, Is.EqualTo("run up with resume or mark-applied <version>"));
    }

    // Spells each step by its name, so the test sees which step and argument reached which place.
    private sealed class Brackets : StepSpelling
    {
        public override string Repair => "[Repair]";

        public override string Resume => "[Resume]";

        public override string Up => "[Up]";

        public override string Drift => "[Drift]";

        public override string NewMigration => "[NewMigration]";

        public override string RewriteSum => "[RewriteSum]";

        public override string AcceptSum => "[AcceptSum]";

        public override string SkipDriftCheck => "[SkipDriftCheck]";

        public override string AllowEmptyFleet => "[AllowEmptyFleet]";

        public override string MarkApplied(string version) => $"[MarkApplied {version}]";

        public override string Baseline(string? version) => $"[Baseline {version ?? "-"}]";
    }
}

using System.Globalization;
using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Lint;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Reporting;

/// <summary>Human output: one line per migration with its time; problems on stderr in file(line,col) form.</summary>
/// <param name="readOnly">The command only looks (status, plan): its plan is what would run, not what runs.</param>
/// <param name="level">Quiet: errors, results and summaries only. Normal: repeated warnings grouped per rule (<see cref="FindingGroups"/>). Verbose: every finding.</param>
/// <param name="live">On a terminal, the running migration's line with its counter and ticking time; null keeps plain lines (CI, redirected output).</param>
internal sealed class ConsoleReporter(TextWriter output, TextWriter error, bool readOnly = false, OutputLevel level = OutputLevel.Normal, LiveLine? live = null) : IReporter
{
    private readonly RunTimes _times = new();
    private readonly Dictionary<Files.Migration, int> _numbers = [];
    private int _total;

    // Warnings that arrive one event at a time (up reports each file's), held until something else is said, so they can be grouped.
    private readonly List<Diagnostic> _heldWarnings = [];

    private bool Quiet => level == OutputLevel.Quiet;

    public void On(RunEvent runEvent) => Say(() => Render(runEvent));

    private void Render(RunEvent runEvent)
    {
        _times.Add(runEvent);
        if (runEvent is DiagnosticEvent { Diagnostic.IsError: false } warning)
        {
            Warn(warning.Diagnostic);
            return;
        }

        ReleaseHeldWarnings();
        if (Quiet && runEvent is RetryingEvent or LockWaitingEvent or PlanReadyEvent or DownPlanReadyEvent or MigrationStartedEvent or MigrationRevertedEvent or MigrationAppliedEvent)
        {
            // Progress, not outcome: --quiet keeps errors and the summary that follows.
            return;
        }

        switch (runEvent)
        {
            case RetryingEvent e:
                error.WriteLine($"{e.Operation} failed ({e.Reason}); retry {e.Attempt} in {Milliseconds(e.Delay)}");
                break;
            case LockWaitingEvent e:
                output.WriteLine($"Waiting for the migration lock held by {e.Holder}");
                break;
            // A command that only looks heads its output itself (the plan's "Plan: ...", the status table and its counts): a line here would say it twice.
            case PlanReadyEvent e when e.Plan.Pending.Count > 0 && !readOnly:
                Numbering(e.Plan.Pending.Count);
                output.WriteLine($"Applying {Count(e.Plan.Pending.Count)}:");
                break;
            case DownPlanReadyEvent e when e.Plan.ToRevert.Count > 0 && !readOnly:
                Numbering(e.Plan.ToRevert.Count);
                output.WriteLine($"Reverting {Count(e.Plan.ToRevert.Count)}:");
                break;
            case MigrationStartedEvent e when live is not null:
                _numbers[e.Migration] = _numbers.Count + 1;
                live.Start($"{Counter(e.Migration)} {e.Migration.DisplayName}");
                break;
            case MigrationRevertedEvent e:
                Result(e.Migration, $"{e.Migration.DisplayName,-50} {"reverted",10} {Milliseconds(e.Duration),10}");
                break;
            case RevertCompletedEvent { Reverted: 0 }:
                output.WriteLine("Nothing to revert: no migration is applied.");
                break;
            case RevertCompletedEvent e:
                output.WriteLine($"Reverted {Count(e.Reverted)} in {Milliseconds(e.Duration)} ({_times.Split(e.Duration, "revert")}).");
                break;
            case HistoryChangedEvent e:
                output.WriteLine(e.Message);
                break;
            case MigrationAppliedEvent e:
                Result(e.Migration, $"{e.Migration.DisplayName,-50} {Milliseconds(e.Duration),10}");
                break;
            case MigrationFailedEvent e:
                Result(e.Migration, $"{e.Migration.DisplayName,-50} {"FAILED",10}");
                error.WriteLine(e.Diagnostic);
                if (e.Excerpt is { Length: > 0 } excerpt)
                {
                    error.WriteLine(excerpt);
                }

                break;
            case NoticeEvent e:
                output.WriteLine(e.Message);
                break;
            case DiagnosticEvent e:
                error.WriteLine(e.Diagnostic);
                break;
            case Schema.SchemaCheckedEvent e:
                SchemaChecked(e);
                break;
            case RunCompletedEvent { Applied: 0 }:
                output.WriteLine("Nothing to do: the database is up to date.");
                break;
            case RunCompletedEvent e:
                output.WriteLine($"Applied {Count(e.Applied)} in {Milliseconds(e.Duration)} ({_times.Split(e.Duration, "apply")}).");
                break;
        }
    }

    // One line per object that differs: + extra, - missing, ~ changed (with the attributes that changed).
    private void SchemaChecked(Schema.SchemaCheckedEvent e)
    {
        var after = $"{e.Against.VersionText} ({e.Against.Name})";
        if (e.Differences.Count == 0)
        {
            output.WriteLine($"No drift: the schema is the one recorded after {after}, {e.LiveHash}.");
            return;
        }

        output.WriteLine($"Drift: {e.Differences.Count} object(s) differ from the schema recorded after {after}:");
        foreach (var difference in e.Differences)
        {
            output.WriteLine($"  {difference}");
        }
    }

    public void Status(Plan plan)
    {
        ReleaseHeldWarnings();
        // 16 fits a timestamp with seconds; a longer version (milliseconds, 20 digits) widens the column rather than push its row's columns out of line.
        var versionWidth = plan.Entries.Select(e => e.VersionText.Length).Append(16).Max();
        // The table is written at once: a line at a time was a system call per migration, a tenth of a no-op's time over a thousand.
        var table = new StringBuilder();
        void Line(string text) => table.Append(text).Append(output.NewLine);
        Line($"{"Version".PadRight(versionWidth)} {"Name",-40} {"State",-18} Applied at");
        foreach (var entry in plan.Entries)
        {
            var appliedAt = entry.History?.AppliedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
            Line($"{entry.VersionText.PadRight(versionWidth)} {entry.Name,-40} {StateText(entry.State),-18} {appliedAt}");
        }

        var applied = plan.Entries.Count(e => e.State == MigrationState.Applied);
        Line($"{applied} applied, {plan.Pending.Count} pending, {plan.Problems.Count(p => p.IsError)} problem(s).");
        output.Write(table.ToString());
        Problems(plan.Problems);
    }

    public void PlanPreview(Plan plan)
    {
        ReleaseHeldWarnings();
        if (plan.Pending.Count == 0)
        {
            // A plan blocked by a problem (a deleted applied file) has nothing pending too: say why, not "up to date".
            output.WriteLine(plan.IsBlocked ? "Nothing can be applied until the problems below are fixed." : "Nothing to do: the database is up to date.");
            Problems(plan.Problems);
            return;
        }

        output.WriteLine($"Plan: {Count(plan.Pending.Count)} would be applied, in this order (nothing was written):");
        foreach (var migration in plan.Pending)
        {
            var mode = Mode(migration.Up);
            output.WriteLine();
            output.WriteLine($"-- {migration.DisplayName} ({mode}, {migration.Up.Statements.Count} statement(s))");
            var locks = StatementLocks.Describe(migration.Up.Statements);
            for (var i = 0; i < migration.Up.Statements.Count; i++)
            {
                if (locks[i] is { } taken)
                {
                    output.WriteLine($"-- lock: {taken}");
                }

                output.WriteLine(migration.Up.Statements[i].Text + ";");
            }
        }

        Problems(plan.Problems);
    }

    public void DownPreview(DownPlan plan)
    {
        ReleaseHeldWarnings();
        if (plan.ToRevert.Count == 0 && !plan.IsBlocked)
        {
            output.WriteLine("Nothing to revert: no migration is applied.");
        }
        else if (plan.ToRevert.Count > 0)
        {
            output.WriteLine($"Plan: {Count(plan.ToRevert.Count)} would be reverted, in this order (nothing was written):");
            foreach (var migration in plan.ToRevert)
            {
                output.WriteLine();
                if (migration.Down is not { } down)
                {
                    output.WriteLine($"-- {migration.DisplayName}: NO DOWN FILE");
                    continue;
                }

                var mode = Mode(down);
                output.WriteLine($"-- {migration.DisplayName}.down.sql ({mode}, {down.Statements.Count} statement(s))");
                foreach (var statement in down.Statements)
                {
                    output.WriteLine(statement.Text + ";");
                }
            }
        }

        Problems(plan.Problems);
    }

    public void Configuration(IReadOnlyList<(string Key, string Value, string Source)> settings)
    {
        var keyWidth = settings.Max(s => s.Key.Length) + 2;
        // Capped so one long value does not push every source off the screen; a longer value still gets its two spaces.
        var valueWidth = Math.Min(60, settings.Max(s => s.Value.Length));
        foreach (var (key, value, source) in settings)
        {
            output.WriteLine($"{key.PadRight(keyWidth)}{value.PadRight(valueWidth)}  ({source})");
        }
    }

    public void Problems(IEnumerable<Diagnostic> diagnostics) => Say(() => ProblemLines(diagnostics));

    private void ProblemLines(IEnumerable<Diagnostic> diagnostics)
    {
        ReleaseHeldWarnings();
        var shown = Quiet ? diagnostics.Where(d => d.IsError).ToList() : diagnostics.ToList();
        foreach (var line in level == OutputLevel.Verbose ? shown.Select(d => d.ToString()) : FindingGroups.Lines(shown))
        {
            error.WriteLine(line);
        }
    }

    public void Notice(string message) => Say(() =>
    {
        ReleaseHeldWarnings();
        output.WriteLine(message);
    });

    /// <summary>The command ended: prints the warnings held for grouping and stops the live line.</summary>
    public void Flush() => Say(() =>
    {
        ReleaseHeldWarnings();
        live?.Dispose();
    });

    private void ReleaseHeldWarnings()
    {
        if (_heldWarnings.Count == 0)
        {
            return;
        }

        var held = _heldWarnings.ToList();
        _heldWarnings.Clear();
        foreach (var line in FindingGroups.Lines(held))
        {
            error.WriteLine(line);
        }
    }

    // On a terminal everything is written above the live line; elsewhere straight through.
    private void Say(Action write)
    {
        if (live is null)
        {
            write();
        }
        else
        {
            live.Above(write);
        }
    }

    private void Numbering(int total)
    {
        _total = total;
        _numbers.Clear();
    }

    private string Counter(Files.Migration migration) => $"[{_numbers.GetValueOrDefault(migration)}/{_total}]";

    // A migration's result: its own line, as always; on a terminal it replaces the live line and keeps the counter.
    private void Result(Files.Migration migration, string line)
    {
        if (live is null)
        {
            output.WriteLine($"  {line}");
        }
        else
        {
            live.Finish($"{Counter(migration)} {line}");
        }
    }

    private void Warn(Diagnostic warning)
    {
        switch (level)
        {
            case OutputLevel.Verbose:
                error.WriteLine(warning);
                break;
            case OutputLevel.Normal:
                _heldWarnings.Add(warning);
                break;
        }
    }

    private static string Count(int migrations) => migrations == 1 ? "1 migration" : $"{migrations} migrations";

    private static string Mode(Files.MigrationScript script) =>
        script.Directives.OwnsTransactions ? "its own transactions" : script.Directives.NoTransaction ? "no transaction" : "one transaction";

    private static string Milliseconds(TimeSpan duration) => $"{duration.TotalMilliseconds:0} ms";

    private static string StateText(MigrationState state) => state switch
    {
        MigrationState.Applied => "applied",
        MigrationState.Pending => "pending",
        MigrationState.Failed => "FAILED",
        MigrationState.ChecksumMismatch => "CHECKSUM MISMATCH",
        MigrationState.MissingFile => "FILE MISSING",
        MigrationState.OutOfOrder => "OUT OF ORDER",
        _ => state.ToString(),
    };
}

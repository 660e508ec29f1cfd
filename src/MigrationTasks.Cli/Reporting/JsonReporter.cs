using System.Buffers;
using System.Text;
using System.Text.Json;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Lint;
using MigrationTasks.Planning;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// NDJSON: one JSON object per line on stdout, each with an "event" name, so a pipeline can follow a
/// run with a line reader. Field names are snake_case and stable.
/// </summary>
internal sealed class JsonReporter(TextWriter output) : IReporter
{
    public void On(RunEvent runEvent)
    {
        switch (runEvent)
        {
            case RetryingEvent e:
                Write("retrying", w =>
                {
                    w.WriteString("operation", e.Operation);
                    w.WriteNumber("attempt", e.Attempt);
                    w.WriteNumber("delay_ms", (long)e.Delay.TotalMilliseconds);
                    w.WriteString("reason", e.Reason);
                });
                break;
            case Schema.SchemaCheckedEvent e:
                Write("schema_checked", w => WriteSchemaChecked(w, e));
                break;
            case LockWaitingEvent e:
                Write("lock_waiting", w => w.WriteString("holder", e.Holder));
                break;
            case LockAcquiredEvent e:
                Write("lock_acquired", w => w.WriteNumber("waited_ms", (long)e.Waited.TotalMilliseconds));
                break;
            case PlanReadyEvent e:
                Write("plan", w => WriteVersions(w, "pending", e.Plan.Pending.Select(m => (m.VersionText, m.Name))));
                break;
            case MigrationStartedEvent e:
                Write("migration_started", w => WriteMigration(w, e.Migration.VersionText, e.Migration.Name));
                break;
            case MigrationAppliedEvent e:
                WriteTimed("migration_applied", e.Migration, e.Duration);
                break;
            case MigrationFailedEvent e:
                Write("migration_failed", w =>
                {
                    WriteMigration(w, e.Migration.VersionText, e.Migration.Name);
                    WriteDiagnostic(w, e.Diagnostic);
                });
                break;
            case NoticeEvent e:
                Notice(e.Message);
                break;
            case DiagnosticEvent e:
                Problems([e.Diagnostic]);
                break;
            case DownPlanReadyEvent e:
                Write("down_plan", w => WriteVersions(w, "revert", e.Plan.ToRevert.Select(m => (m.VersionText, m.Name))));
                break;
            case MigrationRevertedEvent e:
                WriteTimed("migration_reverted", e.Migration, e.Duration);
                break;
            case RevertCompletedEvent e:
                WriteCompleted("revert_completed", "reverted", e.Reverted, e.Duration);
                break;
            case HistoryChangedEvent e:
                Write("history_changed", w =>
                {
                    w.WriteString("action", e.Action);
                    w.WriteStartArray("versions");
                    foreach (var version in e.Versions)
                    {
                        w.WriteStringValue(version);
                    }

                    w.WriteEndArray();
                    w.WriteString("message", e.Message);
                });
                break;
            case RunCompletedEvent e:
                WriteCompleted("run_completed", "applied", e.Applied, e.Duration);
                break;
        }
    }

    public void Status(Plan plan)
    {
        foreach (var entry in plan.Entries)
        {
            Write("migration_status", w =>
            {
                WriteMigration(w, entry.VersionText, entry.Name);
                w.WriteString("state", entry.State.ToString().ToSnakeCase());
                if (entry.History is { } history)
                {
                    w.WriteString("applied_at", history.AppliedAt);
                    w.WriteString("applied_by", history.AppliedBy);
                }
            });
        }

        Problems(plan.Problems);
    }

    public void PlanPreview(Plan plan)
    {
        foreach (var migration in plan.Pending)
        {
            Write("planned_migration", w =>
            {
                WriteMigration(w, migration.VersionText, migration.Name);
                w.WriteBoolean("transactional", migration.Up.Directives.IsTransactional);
                w.WriteStartArray("statements");
                foreach (var statement in migration.Up.Statements)
                {
                    w.WriteStringValue(statement.Text);
                }

                w.WriteEndArray();
                w.WriteStartArray("locks");
                foreach (var taken in StatementLocks.Describe(migration.Up.Statements))
                {
                    WriteLock(w, taken);
                }

                w.WriteEndArray();
            });
        }

        Problems(plan.Problems);
    }

    // One entry per statement, null when it takes no lock worth showing.
    private static void WriteLock(Utf8JsonWriter w, StatementLock? taken)
    {
        if (taken is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("mode", taken.Mode);
        w.WriteString("table", taken.Table);
        w.WriteString("effect", taken.Effect);
        w.WriteEndObject();
    }

    public void DownPreview(DownPlan plan)
    {
        foreach (var migration in plan.ToRevert)
        {
            Write("planned_revert", w =>
            {
                WriteMigration(w, migration.VersionText, migration.Name);
                w.WriteBoolean("has_down", migration.Down is not null);
                w.WriteBoolean("transactional", migration.Down?.Directives.IsTransactional ?? true);
                w.WriteStartArray("statements");
                foreach (var statement in migration.Down?.Statements ?? [])
                {
                    w.WriteStringValue(statement.Text);
                }

                w.WriteEndArray();
            });
        }

        Problems(plan.Problems);
    }

    public void Configuration(IReadOnlyList<(string Key, string Value, string Source)> settings)
    {
        foreach (var (key, value, source) in settings)
        {
            Write("setting", w =>
            {
                w.WriteString("key", key);
                w.WriteString("value", value);
                w.WriteString("source", source);
            });
        }
    }

    public void Problems(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Write("diagnostic", w => WriteDiagnostic(w, diagnostic));
        }
    }

    public void Notice(string message) => Write("notice", w => w.WriteString("message", message));

    private void Write(string eventName, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // Default options (one line per event). No static options field: a text run then never loads System.Text.Json.
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", eventName);
            writer.WriteString("at", DateTimeOffset.UtcNow);
            body(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Flush();
    }

    private void WriteTimed(string eventName, Files.Migration migration, TimeSpan duration) => Write(eventName, w =>
    {
        WriteMigration(w, migration.VersionText, migration.Name);
        w.WriteNumber("duration_ms", Math.Round(duration.TotalMilliseconds, 1));
    });

    private void WriteCompleted(string eventName, string countName, int count, TimeSpan duration) => Write(eventName, w =>
    {
        w.WriteNumber(countName, count);
        w.WriteNumber("duration_ms", Math.Round(duration.TotalMilliseconds, 1));
    });

    private static void WriteMigration(Utf8JsonWriter writer, string version, string name)
    {
        writer.WriteString("version", version);
        writer.WriteString("name", name);
    }

    private static void WriteVersions(Utf8JsonWriter writer, string property, IEnumerable<(string Version, string Name)> migrations)
    {
        writer.WriteStartArray(property);
        foreach (var (version, name) in migrations)
        {
            writer.WriteStartObject();
            WriteMigration(writer, version, name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteSchemaChecked(Utf8JsonWriter writer, Schema.SchemaCheckedEvent e)
    {
        WriteMigration(writer, e.Against.VersionText, e.Against.Name);
        writer.WriteString("recorded_hash", e.Against.Fingerprint?.Hash);
        writer.WriteString("live_hash", e.LiveHash);
        writer.WriteBoolean("drifted", e.Differences.Count > 0);
        writer.WriteStartArray("differences");
        foreach (var difference in e.Differences)
        {
            writer.WriteStartObject();
            writer.WriteString("change", difference.Change.ToString().ToSnakeCase());
            writer.WriteString("sign", difference.Sign);
            writer.WriteString("kind", difference.Kind);
            writer.WriteString("identity", difference.Identity);
            writer.WriteStartArray("attributes");
            foreach (var attribute in difference.Attributes)
            {
                writer.WriteStringValue(attribute);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteDiagnostic(Utf8JsonWriter writer, Diagnostic diagnostic)
    {
        writer.WriteString("code", diagnostic.Code);
        writer.WriteString("severity", diagnostic.IsError ? "error" : "warning");
        writer.WriteString("message", diagnostic.Message);
        if (diagnostic.File is { } file)
        {
            writer.WriteString("file", file);
            // A failure with no place in the file (a deferred constraint failing at COMMIT) names the file only, not a line 0.
            if (diagnostic.Line > 0)
            {
                writer.WriteNumber("line", diagnostic.Line);
                writer.WriteNumber("column", Math.Max(diagnostic.Column, 1));
            }
        }
    }
}

internal static class SnakeCase
{
    public static string ToSnakeCase(this string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}

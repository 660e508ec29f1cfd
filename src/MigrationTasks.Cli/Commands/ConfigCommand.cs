using MigrationTasks.Layouts;
using System.CommandLine;
using System.Globalization;
using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Execution;
using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// <c>migrations config</c>: the effective configuration and where each value came from, so "which
/// timeout is this job really using?" has an answer without reading code. Connects to nothing;
/// the connection is shown with its password redacted.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CommandRunner runner)
    {
        var config = new Command("config", "Print the effective configuration and the source of each value (secrets redacted)");
        config.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(NeedsDatabase: false), context =>
        {
            context.Reporter.Configuration(Describe(context.Effective, context.Parse, context.Environment));
            return Task.FromResult(RunOutcome.Succeeded);
        }, ct));
        return config;
    }

    private static List<(string Key, string Value, string Source)> Describe(EffectiveSettings settings, ParseResult parse, EnvironmentSettings environment)
    {
        var rows = new List<(string, string, string)>
        {
            ("config", settings.ConfigFile.Value ?? "(none)", settings.ConfigFile.Source),
            Connection(parse, environment),
            ("directory", settings.Directory.Value, settings.Directory.Source),
            ("format", settings.Layout.Value is { } layout ? MigrationLayouts.NameOf(layout) : MigrationLayouts.Auto, settings.Layout.Source),
            ("environment", settings.Environment is { } e ? $"{e.Name}{(e.Protected ? " (protected)" : "")}" : "(none)",
                settings.Environment?.Source ?? $"--environment or {EnvironmentSettings.Environment} not set"),
            ("timeout", Duration(settings.Timeout.Value), settings.Timeout.Source),
            ("lock.timeout", Duration(settings.LockTimeout.Value), settings.LockTimeout.Source),
            ("lock.key", settings.LockKey.Value?.ToString(CultureInfo.InvariantCulture) ?? "(derived)", settings.LockKey.Source),
            ("history.schema", settings.HistorySchema.Value, settings.HistorySchema.Source),
            ("history.table", settings.HistoryTable.Value, settings.HistoryTable.Source),
            ("defaults.lock_timeout", settings.DefaultLockTimeout.Value is { } l ? Duration(l) : "(server setting)", settings.DefaultLockTimeout.Source),
            ("defaults.statement_timeout", settings.DefaultStatementTimeout.Value is { } s ? Duration(s) : "(server setting)", settings.DefaultStatementTimeout.Source),
            ("retry.attempts", settings.Retry.Value.Attempts.ToString(CultureInfo.InvariantCulture), settings.Retry.Source),
            ("retry.initial_delay", Duration(settings.Retry.Value.InitialDelay), settings.Retry.Source),
            ("retry.max_delay", Duration(settings.Retry.Value.MaxDelay), settings.Retry.Source),
        };
        var file = settings.ConfigValues;
        var scope = file.SchemaScope();
        rows.Add(("drift.schemas", scope.Schemas is { } schemas ? string.Join(", ", schemas) : "(every user schema)", Sourced(file, Configuration.ConfigurationKeys.DriftSchemas)));
        rows.Add(("drift.exclude", scope.Exclude.Count > 0 ? string.Join(", ", scope.Exclude) : "(none)", Sourced(file, Configuration.ConfigurationKeys.DriftExclude)));
        rows.AddRange(settings.LintSeverities.Select(rule => (
            $"lint.{rule.Key}", rule.Value is { } severity ? severity.ToString().ToLowerInvariant() : "off", Path.GetFileName(settings.ConfigFile.Value ?? ""))));
        return rows;
    }

    private static string Sourced(Configuration.MigrationsConfiguration file, string key) =>
        file.Values.ContainsKey(key) ? file.SourceOf(key) : "default";

    // The connection may legitimately be unset while someone checks their configuration: say so instead of failing.
    // An empty --connection is refused as every run refuses it (usually an unset CI variable), not shown as unset.
    private static (string, string, string) Connection(ParseResult parse, EnvironmentSettings environment)
    {
        var given = parse.GetValue(CliOptions.Connection);
        try
        {
            var resolved = ConnectionSource.Resolve(given, environment.Get);
            return ("connection", resolved.Redacted, resolved.OriginName);
        }
        catch (ConnectionStringException) when (given is null)
        {
            return ("connection", "(not set)", $"{ConnectionSource.MigrationDatabaseUrlVariable}, {ConnectionSource.DatabaseUrlVariable} or --connection");
        }
    }

    // Shown in the units a person would write in migrations.yaml.
    private static string Duration(TimeSpan value) =>
        value == TimeSpan.Zero ? "0 (no limit)"
        : value.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalSeconds}s")
        : DurationText.Format(value);
}

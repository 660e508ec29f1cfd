using MigrationTasks.Diagnostics;

namespace MigrationTasks.Configuration;

/// <summary>One value read from migrations.yaml, with where it was written so errors and <c>migrations config</c> can point at it.</summary>
public sealed record ConfigurationValue(string Key, object Value, int Line, int Column);

/// <summary>An entry under <c>environments:</c>; in a protected one the destructive commands need <c>--force</c>.</summary>
public sealed record EnvironmentDefinition(string Name, bool Protected, int Line);

/// <summary>
/// What migrations.yaml says, already type-checked. Only keys the file sets are present; the
/// front-end layers flags and environment variables over it, then defaults.
/// </summary>
public sealed record MigrationsConfiguration(
    string? Path,
    IReadOnlyDictionary<string, ConfigurationValue> Values,
    IReadOnlyDictionary<string, EnvironmentDefinition> Environments)
{
    public static readonly MigrationsConfiguration Empty = new(null, new Dictionary<string, ConfigurationValue>(), new Dictionary<string, EnvironmentDefinition>());

    public string? Text(string key) => Values.TryGetValue(key, out var value) ? (string)value.Value : null;

    public long? Integer(string key) => Values.TryGetValue(key, out var value) ? (long)value.Value : null;

    public TimeSpan? Duration(string key) => Values.TryGetValue(key, out var value) ? (TimeSpan)value.Value : null;

    /// <summary>
    /// The rule severities set under <c>lint:</c>, by rule id; null for <c>off</c>. A default
    /// lock_timeout answers missing-lock-timeout for every migration unless that rule is set explicitly.
    /// </summary>
    public IReadOnlyDictionary<string, DiagnosticSeverity?> LintSeverities()
    {
        var severities = Values.Values.Where(v => v.Key.StartsWith(ConfigurationKeys.LintPrefix, StringComparison.Ordinal) && v.Value is string).ToDictionary(
            v => v.Key[ConfigurationKeys.LintPrefix.Length..],
            v => (string)v.Value switch { "error" => DiagnosticSeverity.Error, "warning" => DiagnosticSeverity.Warning, _ => (DiagnosticSeverity?)null },
            StringComparer.Ordinal);
        if (Duration(ConfigurationKeys.DefaultLockTimeout) is not null)
        {
            severities.TryAdd(Lint.LintRules.MissingLockTimeout.Id, null);
        }

        return severities;
    }

    /// <summary>Which migrations the safety rules judge: <c>lint.enabled</c> and <c>lint.since</c>.</summary>
    public Lint.LintScope LintScope() =>
        new(!Values.TryGetValue(ConfigurationKeys.LintEnabled, out var enabled) || (bool)enabled.Value,
            Values.TryGetValue(ConfigurationKeys.LintSince, out var since) ? (Files.MigrationVersion)since.Value : null);

    /// <summary><c>verify.allow_irreversible</c>: migrations without a down file pass <c>migrations verify</c>.</summary>
    public bool AllowIrreversible() =>
        Values.TryGetValue(ConfigurationKeys.VerifyAllowIrreversible, out var allow) && (bool)allow.Value;

    /// <summary><c>drift.schemas</c> and <c>drift.exclude</c>: what the schema fingerprint describes.</summary>
    public Schema.SchemaScope SchemaScope() => new(
        Values.TryGetValue(ConfigurationKeys.DriftSchemas, out var schemas) ? (IReadOnlyList<string>)schemas.Value : null,
        Values.TryGetValue(ConfigurationKeys.DriftExclude, out var exclude) ? (IReadOnlyList<string>)exclude.Value : []);

    /// <summary>The layout <c>format:</c> forces; null for <c>auto</c> or when not set.</summary>
    public Layouts.MigrationLayout? Layout() =>
        Values.TryGetValue(ConfigurationKeys.Format, out var format) && format.Value is Layouts.MigrationLayout layout ? layout : null;

    /// <summary>How <c>migrations config</c> names where a value came from: <c>migrations.yaml:4</c>.</summary>
    public string SourceOf(string key) => Values.TryGetValue(key, out var value) ? $"{System.IO.Path.GetFileName(Path)}:{value.Line}" : "";
}

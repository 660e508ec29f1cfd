using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The layers a setting is read from, each named as <c>migrations config</c> reports it: a flag, an
/// environment variable, a key of migrations.yaml (read and checked by Core), the default. A setting
/// joins the layers it has with <c>??</c>, so a lower one is read only when every higher one is unset
/// (a bad MIGRATION_TIMEOUT is no error while --timeout overrides it).
/// </summary>
internal sealed class SettingLayers(ParseResult parse, EnvironmentSettings environment, MigrationsConfiguration file)
{
    public Setting<string>? Flag(Option<string?> flag) => parse.GetValue(flag) is { Length: > 0 } value ? new(value, flag.Name) : null;

    public Setting<string>? Variable(string name) => environment.Get(name) is { } value ? new(value, name) : null;

    public Setting<int>? Number(Option<int?> flag) => parse.GetValue(flag) is { } value ? new(value, flag.Name) : null;

    /// <summary>A switch that was passed; an absent one leaves the setting to the lower layers.</summary>
    public Setting<bool>? Switch(Option<bool> flag) => parse.GetValue(flag) ? new(true, flag.Name) : null;

    // Every timeout and delay is checked against one range, wherever it was given (issue 12: -1 and
    // 2000000000 used to end in an ArgumentOutOfRangeException deep inside the run).
    public Setting<TimeSpan>? Seconds(Option<int?> flag) =>
        parse.GetValue(flag) is { } seconds
            ? new(TimeLimit.Check(TimeSpan.FromSeconds(seconds), TimeLimit.OptionError(flag.Name, WholeNumber.Typed(parse, flag))), flag.Name)
            : null;

    /// <summary>A variable in seconds or with a unit (30s, 2min), in the range of every timeout.</summary>
    public Setting<TimeSpan>? Duration(string variable) =>
        environment.Duration(variable) is { } value ? new(TimeLimit.Check(value, TimeLimit.OptionError(variable, Diagnostic.Printable(environment.Get(variable)!.Trim()))), variable) : null;

    /// <summary>The file's value when it sets <paramref name="key"/>, at its line; <paramref name="problem"/> is a check only this front end knows.</summary>
    public Setting<T>? IfSet<T>(string key, T value, Func<T, string?>? problem = null)
    {
        if (!file.Values.TryGetValue(key, out var at))
        {
            return null;
        }

        return problem?.Invoke(value) is { } why
            ? throw new MigrationRunException(RunOutcome.InvalidSetting,
                Diagnostic.Error(DiagnosticCodes.InvalidConfiguration, $"'{key}' {why}", file.Path, at.Line, at.Column))
            : new(value, file.SourceOf(key));
    }

    /// <summary>The file's value of a key only this front end reads (the fleet's tenants:), as the file's reader typed it.</summary>
    public Setting<T>? IfSet<T>(string key) =>
        file.Values.TryGetValue(key, out var at) ? new((T)at.Value, file.SourceOf(key)) : null;

    /// <summary>The file's value, or the default (<paramref name="value"/> too when the file leaves the key out) sourced as <paramref name="unset"/>.</summary>
    public Setting<T> File<T>(string key, T value, string unset = EffectiveSettings.DefaultSource, Func<T, string?>? problem = null) =>
        IfSet(key, value, problem) ?? new(value, unset);

    /// <summary>A path as the file means it: relative to the file, so that the file works from any working directory.</summary>
    [return: NotNullIfNotNull(nameof(path))]
    public string? NextToFile(string? path) =>
        path is null || file.Path is null ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file.Path))!, path);
}

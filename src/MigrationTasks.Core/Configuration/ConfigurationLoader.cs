using System.Globalization;
using MigrationTasks.Diagnostics;
using MigrationTasks.Directives;
using MigrationTasks.Files;
using MigrationTasks.Layouts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MigrationTasks.Configuration;

/// <summary>
/// Reads migrations.yaml. The YAML is walked node by node rather than deserialized into a class, so
/// that every unknown key and every value of the wrong type is reported with its own line and
/// column, all in one go, instead of the first one as an exception.
/// </summary>
public static class ConfigurationLoader
{
    public const string DefaultFileName = "migrations.yaml";

    public static (MigrationsConfiguration Configuration, IReadOnlyList<Diagnostic> Diagnostics) Load(string path)
    {
        if (Directory.Exists(path))
        {
            return (MigrationsConfiguration.Empty, [Diagnostic.Error(DiagnosticCodes.InvalidConfiguration,
                $"'{path}' is a folder, not a file; the {SettingNames.ConfigFile} setting names the file itself, such as {System.IO.Path.Combine(path, DefaultFileName)}", path) with { Setting = SettingNames.ConfigFile }]);
        }

        if (!File.Exists(path))
        {
            return (MigrationsConfiguration.Empty, [Diagnostic.Error(DiagnosticCodes.InvalidConfiguration,
                $"the configuration file '{path}' does not exist; create it or drop the {SettingNames.ConfigFile} setting", path) with { Setting = SettingNames.ConfigFile }]);
        }

        string text;
        try
        {
            text = Files.RegularFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A named pipe or device is refused before it is opened: reading one would hang or never end.
            return (MigrationsConfiguration.Empty, [Diagnostic.Error(DiagnosticCodes.InvalidConfiguration,
                $"the configuration file '{path}' could not be read: {e.Message} It must be a regular file the user running migrations may read", path)]);
        }

        return Parse(text, path);
    }

    public static (MigrationsConfiguration Configuration, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text, string path)
    {
        var diagnostics = new List<Diagnostic>();
        var values = new Dictionary<string, ConfigurationValue>(StringComparer.Ordinal);
        var environments = new Dictionary<string, EnvironmentDefinition>(StringComparer.Ordinal);
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).TrimEnd('.');
            // End is where the parser found the problem (the tab, the missing ']'); Start is only the
            // construct it was inside ("while scanning a mapping"), often lines earlier.
            diagnostics.Add(Error($"the file is not valid YAML: {message}", path, SyntaxErrorMark(e, text)));
            return (MigrationsConfiguration.Empty, diagnostics);
        }

        if (yaml.Documents.Count > 1)
        {
            // Only the first document would be read: settings after '---' would be ignored without a word.
            diagnostics.Add(Error("the file holds a second YAML document, which would be ignored; keep every setting in one document (remove the '---' line)",
                path, SecondDocumentMark(yaml.Documents[0], text)));
            return (MigrationsConfiguration.Empty, diagnostics);
        }

        var root = yaml.Documents.Count == 0 ? null : yaml.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
        {
            var reader = new Reader(path, values, environments, diagnostics);
            reader.ReadSection(mapping, "");
        }
        else if (root is not null && !(root is YamlScalarNode { Value: null or "" }))
        {
            diagnostics.Add(Error("the file must be a mapping of keys to values, such as 'directory: migrations'", path, root.Start));
        }

        var configuration = new MigrationsConfiguration(path, values, environments);
        // The values' ranges too, here rather than in a front end: a build refuses what a run would refuse.
        diagnostics.AddRange(MigrationsOptions.Read(configuration).Problems);
        return (configuration, diagnostics);
    }

    // The '---' line that starts the second document; its own node may start later, or be empty.
    private static Mark SecondDocumentMark(YamlDocument first, string text)
    {
        var lines = text.Split('\n');
        for (var i = (int)first.RootNode.End.Line - 1; i < lines.Length; i++)
        {
            if (i >= 0 && lines[i].StartsWith("---", StringComparison.Ordinal))
            {
                return new Mark(i, i + 1, 1);
            }
        }

        return first.RootNode.End;
    }

    // End is where the parser found the problem (a missing ']'), Start only the construct it was in. For a
    // tab used as indentation the parser gives the start of the enclosing mapping, so find the tab itself.
    private static Mark SyntaxErrorMark(YamlException e, string text)
    {
        if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var indentation = lines[i].AsSpan(0, lines[i].Length - lines[i].AsSpan().TrimStart(" \t").Length);
                if (indentation.Contains('\t'))
                {
                    return new Mark(0, i + 1, indentation.IndexOf('\t') + 1);
                }
            }
        }

        return e.End;
    }

    private static Diagnostic Error(string message, string path, Mark mark) =>
        Diagnostic.Error(DiagnosticCodes.InvalidConfiguration, message, path, (int)mark.Line, (int)mark.Column);

    private sealed class Reader(
        string path,
        Dictionary<string, ConfigurationValue> values,
        Dictionary<string, EnvironmentDefinition> environments,
        List<Diagnostic> diagnostics)
    {
        public void ReadSection(YamlMappingNode mapping, string prefix)
        {
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
                {
                    diagnostics.Add(Error("keys must be plain names", path, keyNode.Start));
                    continue;
                }

                var key = prefix + name;
                if (key == "environments")
                {
                    ReadEnvironments(valueNode);
                }
                else if (ConfigurationKeys.Sections.Contains(key))
                {
                    if (AsMapping(valueNode, key) is { } section)
                    {
                        ReadSection(section, key + ".");
                    }
                }
                else if (ConfigurationKeys.Values.TryGetValue(key, out var kind))
                {
                    if (ReadValue(valueNode, key, kind) is { } value)
                    {
                        values[key] = new ConfigurationValue(key, value, (int)valueNode.Start.Line, (int)valueNode.Start.Column);
                    }
                }
                else if (prefix.Length == 0 && name is "connection" or "database_url" or "url")
                {
                    // Left out of the file on purpose, so a password is never committed: say where it goes (in Core's words:
                    // the runner's option is the CLI's to spell, and the MSBuild tasks never connect).
                    diagnostics.Add(Error($"unknown key '{key}': the connection is not read from migrations.yaml (it holds a password); "
                        + "give it to the runner from a secret, in MIGRATION_DATABASE_URL (or DATABASE_URL) or the runner's connection option", path, keyNode.Start));
                }
                else
                {
                    var known = ConfigurationKeys.Values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..])
                        .Concat(prefix.Length == 0 ? ["environments"] : []).ToList();
                    var allowed = Text.NearestWord.Among(name, known) is { } nearest
                        ? $"did you mean '{prefix}{nearest}'? The keys allowed here are"
                        : "the keys allowed here are";
                    diagnostics.Add(Error($"unknown key '{key}'; {allowed}: {string.Join(", ", known)}", path, keyNode.Start));
                }
            }
        }

        private void ReadEnvironments(YamlNode node)
        {
            if (AsMapping(node, "environments") is not { } mapping)
            {
                return;
            }

            foreach (var (nameNode, definition) in mapping.Children)
            {
                var name = (nameNode as YamlScalarNode)?.Value ?? "";
                if (string.IsNullOrWhiteSpace(name))
                {
                    // An empty choice of environment means none, so nothing can choose this one and its protection would protect nothing.
                    diagnostics.Add(Error("'environments' has an entry with an empty name, which no run can choose; name it (such as production) or remove it", path, nameNode.Start));
                    continue;
                }

                var isProtected = false;
                if (AsMapping(definition, $"environments.{name}") is { } entries)
                {
                    foreach (var (keyNode, valueNode) in entries.Children)
                    {
                        var key = (keyNode as YamlScalarNode)?.Value;
                        if (key != ConfigurationKeys.EnvironmentProtected)
                        {
                            diagnostics.Add(Error($"unknown key 'environments.{name}.{key}'; an environment allows: {ConfigurationKeys.EnvironmentProtected}", path, keyNode.Start));
                        }
                        else if (ReadValue(valueNode, $"environments.{name}.{key}", ValueKind.Boolean) is bool value)
                        {
                            isProtected = value;
                        }
                    }
                }

                environments[name] = new EnvironmentDefinition(name, isProtected, (int)nameNode.Start.Line);
            }
        }

        private YamlMappingNode? AsMapping(YamlNode node, string key)
        {
            if (node is YamlMappingNode mapping)
            {
                return mapping;
            }

            // "environments:" with nothing under it is an empty section, not a mistake.
            if (node is not YamlScalarNode { Value: null or "" })
            {
                diagnostics.Add(Error($"'{key}' must be a mapping of keys to values (indented keys on the lines below it)", path, node.Start));
            }

            return null;
        }

        private object? ReadValue(YamlNode node, string key, ValueKind kind)
        {
            if (kind is ValueKind.Names or ValueKind.Globs)
            {
                return ReadList(node, key, kind);
            }

            if (node is not YamlScalarNode { Value: { Length: > 0 } text } scalar || (scalar.Style == ScalarStyle.Plain && text == "~"))
            {
                diagnostics.Add(Error($"'{key}' needs {Expected(kind)}", path, node.Start));
                return null;
            }

            object? value = kind switch
            {
                ValueKind.Text => text,
                ValueKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null,
                ValueKind.Boolean => text switch { "true" => true, "false" => false, _ => null },
                ValueKind.Severity => text is "error" or "warning" or "off" ? text : null,
                ValueKind.Version => MigrationVersion.TryParseDecimal(text, out var version) ? version : null,
                ValueKind.Layout => MigrationLayouts.TryParse(text, out var layout) ? (object?)layout ?? MigrationLayouts.Auto : null,
                ValueKind.Duration => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= int.MaxValue
                    ? TimeSpan.FromSeconds(seconds)
                    : DurationText.TryParse(text, out var duration) ? duration
                    // Past any timeout's range (25d): MigrationsOptions.Read names the range at this line, rather than "needs a duration".
                    : DurationText.IsTooLarge(text) ? TimeSpan.MaxValue : null,
                _ => null,
            };
            if (value is null)
            {
                diagnostics.Add(Error($"'{key}' needs {Expected(kind)}, not '{text}'", path, node.Start));
            }

            return value;
        }

        // A sequence (block or flow), or one scalar for a list of one; each item is checked at its own line.
        private List<string>? ReadList(YamlNode node, string key, ValueKind kind)
        {
            IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
            var list = new List<string>();
            var valid = true;
            foreach (var item in items)
            {
                var text = (item as YamlScalarNode)?.Value ?? "";
                var problem = item is YamlScalarNode && kind == ValueKind.Globs ? Schema.SchemaScope.GlobProblem(text) is { } bad ? $"'{key}': {bad}" : null
                    : item is not YamlScalarNode || text.Length == 0 ? $"'{key}' needs {Expected(kind)}"
                    : null;
                if (problem is not null)
                {
                    diagnostics.Add(Diagnostic.Error(kind == ValueKind.Globs ? DiagnosticCodes.InvalidSchemaGlob : DiagnosticCodes.InvalidConfiguration,
                        problem, path, (int)item.Start.Line, (int)item.Start.Column));
                    valid = false;
                    continue;
                }

                list.Add(text);
            }

            return valid ? list : null;
        }

        private static string Expected(ValueKind kind) => kind switch
        {
            ValueKind.Names => "a list of schema names, such as [app, reporting]",
            ValueKind.Globs => "a list of globs over object identities, such as ['audit.*', 'public.tmp_*']",
            ValueKind.Integer => "a whole number",
            ValueKind.Boolean => "true or false",
            ValueKind.Severity => "error, warning or off",
            ValueKind.Version => "a migration version such as 0042 or 20240101120000",
            ValueKind.Layout => $"one of {string.Join(", ", MigrationLayouts.All)}",
            ValueKind.Duration => "a duration such as 300 (seconds), 30s, 500ms or 2min",
            _ => "a value",
        };
    }
}

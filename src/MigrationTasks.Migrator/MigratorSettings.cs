using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;

namespace MigrationTasks.Migrator;

/// <summary>
/// How code that runs a <see cref="Migrator"/> spells the settings the engine's messages name in words: the
/// <see cref="MigratorOptions"/> property, where the CLI names its flag and environment variable.
/// </summary>
internal static class MigratorSettings
{
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        [SettingNames.Directory] = "MigratorOptions.Directory",
        [SettingNames.LockTimeout] = "MigratorOptions.LockTimeout",
        [SettingNames.ConnectTimeout] = "MigratorOptions.ConnectTimeout",
    };

    public static Diagnostic Apply(Diagnostic diagnostic) => diagnostic.WithSettingSpelled(Spellings);

    /// <summary>The diagnostics with their next steps and settings in the Migrator's words.</summary>
    public static IReadOnlyList<Diagnostic> Spell(IReadOnlyList<Diagnostic> diagnostics) =>
        MigratorSteps.Instance.Fill(diagnostics).Select(Apply).ToList();
}

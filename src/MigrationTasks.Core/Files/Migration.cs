using MigrationTasks.Layouts;

namespace MigrationTasks.Files;

/// <summary>A migration: its version, its name, the up script and, when written, the down script.</summary>
public sealed record Migration(MigrationVersion Version, string VersionText, string Name, MigrationScript Up, MigrationScript? Down)
{
    public string Checksum => Up.Checksum;

    public string Path => Up.Path;

    /// <summary>The layout its files are in: ours, or the tool's whose folder is run as it is.</summary>
    public MigrationLayout Layout => Up.Layout;

    /// <summary>A Flyway R__ migration: no version of its own, run after the versioned ones and again when its checksum changes.</summary>
    public bool Repeatable { get; init; }

    /// <summary>How a person names it: <c>0003_add_index</c> (<c>R__views</c> for a repeatable one).</summary>
    public string DisplayName => Repeatable ? $"R__{Name}" : $"{VersionText}_{Name}";

    public override string ToString() => DisplayName;
}

namespace MigrationTasks.Files;

/// <summary>A migration: its version, its name, the up script and, when written, the down script.</summary>
public sealed record Migration(MigrationVersion Version, string VersionText, string Name, MigrationScript Up, MigrationScript? Down)
{
    public string Checksum => Up.Checksum;

    public string Path => Up.Path;

    /// <summary>How a person names it: <c>0003_add_index</c>.</summary>
    public string DisplayName => $"{VersionText}_{Name}";

    public override string ToString() => DisplayName;
}

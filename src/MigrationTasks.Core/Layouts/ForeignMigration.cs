using MigrationTasks.Files;

namespace MigrationTasks.Layouts;

/// <summary>One part of another tool's file that runs on its own: the up or down section, or the whole file.</summary>
/// <param name="Text">The part's text: the file's lines before the part blanked, so lines and columns stay the file's; the checksum is of this text.</param>
public sealed record ScriptPart(string Path, string Text, bool IsDown)
{
    /// <summary>A setting outside the text that runs the part without a transaction (Flyway's <c>.sql.conf</c>); null when none.</summary>
    public string? NoTransactionBy { get; init; }
}

/// <summary>A migration as another tool's layout names it, before its parts are read into scripts.</summary>
public sealed record ForeignMigration(MigrationVersion Version, string VersionText, string Name, ScriptPart Up, ScriptPart? Down)
{
    /// <summary>Flyway's R__ files: run after the versioned ones, again whenever their checksum changes.</summary>
    public bool Repeatable { get; init; }
}

using System.CommandLine;
using MigrationTasks.Text;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The valid command or option closest to a mistyped one (<c>stauts</c> -> <c>status</c>, <c>--dry-rn</c> ->
/// <c>--dry-run</c>), so a usage error says what was probably meant (<see cref="NearestWord"/>).
/// </summary>
internal static class NearestName
{
    public static string? For(string typed, Command command, RootCommand root) => NearestWord.Among(typed, typed.StartsWith('-')
        ? command.Options.Concat(root.Options.Where(o => o.Recursive || command == root)).SelectMany(o => o.Aliases.Append(o.Name))
        : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The parser of the whole-number flags (--timeout, --steps, --parallel …). System.CommandLine's own names the .NET type
/// it wanted ("as expected type 'System.Nullable`1[System.Int32]'"), which tells a user nothing; the ranges are checked
/// where each setting is validated, and their messages quote the number as typed (<see cref="Typed"/>).
/// </summary>
internal static class WholeNumber
{
    /// <summary>What a number past int's range reads as: below the range of every whole-number flag (none takes a negative).</summary>
    private const int PastRange = int.MinValue;

    public static int? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Digits beyond int's range are a number all the same, and out of the flag's range: its own check refuses them with
        // the MT code and range a smaller bad value gets (--timeout 2147483648 as --timeout 3000000), not a parser's error.
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            return PastRange;
        }

        var flag = (result.Parent as OptionResult)?.Option.Name ?? "the option";
        result.AddError($"{flag}: '{text}' is not a whole number; write digits only, such as {flag} 30");
        return null;
    }

    /// <summary>The flag's number as the command line spells it, for a message: the value read is <see cref="PastRange"/> for one too large to hold.</summary>
    public static string Typed(ParseResult parse, Option<int?> flag) =>
        parse.GetResult(flag)?.Tokens is [.., var last] ? last.Value : parse.GetValue(flag)?.ToString(CultureInfo.InvariantCulture) ?? "";
}

using System.CommandLine.Parsing;
using System.Globalization;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The parser of the whole-number flags (--timeout, --steps, --parallel …). System.CommandLine's own names the .NET type
/// it wanted ("as expected type 'System.Nullable`1[System.Int32]'"), which tells a user nothing; the ranges are checked
/// where each setting is validated.
/// </summary>
internal static class WholeNumber
{
    public static int? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var flag = (result.Parent as OptionResult)?.Option.Name ?? "the option";
        // Digits beyond int's range are a number all the same: saying it is not one would send the user looking for a typo.
        var digits = text.TrimStart('-', '+');
        result.AddError(digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? $"{flag}: '{text}' is too large; the most it takes is {int.MaxValue}"
            : $"{flag}: '{text}' is not a whole number; write digits only, such as {flag} 30");
        return null;
    }
}

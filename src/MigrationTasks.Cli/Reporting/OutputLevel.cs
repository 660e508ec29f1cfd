using System.CommandLine;
using MigrationTasks.Cli.Commands;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Reporting;

/// <summary>How much the text output says: <see cref="Quiet"/> errors and summaries, <see cref="Normal"/> repeated warnings grouped, <see cref="Verbose"/> every finding.</summary>
internal enum OutputLevel
{
    Quiet,
    Normal,
    Verbose,
}

/// <summary>--quiet / --verbose and their environment twins, flag over variable.</summary>
internal static class OutputLevels
{
    public const string QuietVariable = "MIGRATION_QUIET";
    public const string VerboseVariable = "MIGRATION_VERBOSE";

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = $"Text output: only errors and the final summary (also {QuietVariable}=true)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = $"Text output: every finding, not repeated ones grouped per rule (also {VerboseVariable}=true)",
        Recursive = true,
    };

    /// <summary>The level asked for; both at once is a usage error (MT4002).</summary>
    public static OutputLevel Resolve(ParseResult parse, EnvironmentSettings environment)
    {
        var (quietFlag, verboseFlag) = (parse.GetValue(Quiet), parse.GetValue(Verbose));
        // A flag decides alone: --verbose beats MIGRATION_QUIET=true set for the whole pipeline.
        var quiet = quietFlag || (!verboseFlag && environment.Flag(QuietVariable));
        var verbose = verboseFlag || (!quietFlag && environment.Flag(VerboseVariable));
        return quiet && verbose
            ? throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InvalidOption,
                $"--quiet and --verbose (or {QuietVariable} and {VerboseVariable}) exclude each other; give one"))
            : quiet ? OutputLevel.Quiet : verbose ? OutputLevel.Verbose : OutputLevel.Normal;
    }

    /// <summary>For building the reporter before the pipeline runs: a bad value is reported by <see cref="Resolve"/> inside it.</summary>
    public static OutputLevel ResolveOrNormal(ParseResult parse, EnvironmentSettings environment)
    {
        try
        {
            return Resolve(parse, environment);
        }
        catch (MigrationRunException)
        {
            return OutputLevel.Normal;
        }
    }
}

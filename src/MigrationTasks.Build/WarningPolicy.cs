namespace MigrationTasks.Build;

/// <summary>
/// TreatWarningsAsErrors for the MT warnings. MSBuild applies WarningsAsErrors and NoWarn to a task's warnings itself, but
/// TreatWarningsAsErrors only reaches the compiler: a project that asks for a build without warnings would pass with lint
/// warnings. As NuGet does for its own, a warning is then an error unless WarningsNotAsErrors or NoWarn names its code.
/// </summary>
internal sealed class WarningPolicy(bool treatWarningsAsErrors, string? warningsNotAsErrors, string? noWarn)
{
    private readonly HashSet<string> _exempt = [.. Codes(warningsNotAsErrors), .. Codes(noWarn)];

    public bool IsError(string code) => treatWarningsAsErrors && !_exempt.Contains(code);

    // MSBuild lists are split by ';', the compiler's also by ','.
    private static string[] Codes(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

using MigrationTasks.Reliability.Tests.BadInput.Cases;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>Every bad-input case, for the tests here and for the secrets suite, which runs them all again.</summary>
internal static class BadInputCatalogue
{
    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        .. FileNameCases.All(),
        .. EncodingCases.All(),
        .. SqlTextCases.All(),
        .. ConfigurationCases.All(),
        .. ConnectionCases.All(),
        .. HistoryCases.All(),
        .. BundleCases.All(),
        .. FileSystemCases.All(),
    ];

    /// <summary>The case names, which NUnit passes to public test methods (the cases themselves are internal).</summary>
    public static IEnumerable<string> Names() => All.Select(c => c.Name);

    /// <summary>The connection cases' names: the secrets suite runs them in every connection form.</summary>
    public static IEnumerable<string> ConnectionNames() => ConnectionCases.All().Select(c => c.Name);

    public static BadInputCase Named(string name) => All.Single(c => c.Name == name);
}

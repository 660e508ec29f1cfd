using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// The bad-input catalogue: each case gets its documented exit code, a message with its MT code that
/// names the file and line where there is one, and a database left exactly as it was.
/// </summary>
[Parallelizable(ParallelScope.None)]
public sealed class BadInputTests
{
    [Test]
    public void The_catalogue_has_at_least_60_cases_with_distinct_names()
    {
        Assert.That(BadInputCatalogue.All, Has.Count.GreaterThanOrEqualTo(60));
        Assert.That(BadInputCatalogue.All.Select(c => c.Name), Is.Unique);
    }

    [TestCaseSource(typeof(BadInputCatalogue), nameof(BadInputCatalogue.Names))]
    public async Task Bad_input_is_refused_with_its_exit_code_and_place_and_changes_nothing(string name)
    {
        var @case = BadInputCatalogue.Named(name);
        await using var database = await TestDatabase.CreateAsync();

        var outcome = await CaseRunner.RunAsync(@case, Target.ForTestDatabase(database.ConnectionString));

        var result = outcome.Result;
        Assert.That(result.ExitCode, Is.EqualTo(@case.Exit), result.ToString());
        var messages = result.All.Split('\n').Where(l => l.Contains($"error {@case.Code}:", StringComparison.Ordinal)).ToList();
        Assert.That(messages, Is.Not.Empty, $"no 'error {@case.Code}:' line\n{result}");
        if (@case.File is { } file)
        {
            var place = @case.Line > 0 ? $"{file}({@case.Line}," : file;
            Assert.That(messages, Has.Some.Contain(place), $"no {@case.Code} message names {place}\n{result}");
        }

        Assert.That(outcome.After, Is.EqualTo(outcome.Before), "the database changed");
        Assert.That(outcome.FailedAuditRowsAdded, Is.EqualTo(@case.Audited ? 1 : 0), "failed audit rows added");
    }
}

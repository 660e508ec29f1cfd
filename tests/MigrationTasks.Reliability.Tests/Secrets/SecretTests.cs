using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Reliability.Tests.BadInput;

namespace MigrationTasks.Reliability.Tests.Secrets;

/// <summary>
/// The sentinel password of a server that really checks it (SCRAM), given as a URI (percent-encoded
/// there) or as a key=value string, must not appear in standard output, standard error, JSON events,
/// the GitHub step outputs or summary, or exception text: across every command, and again across
/// every case of the bad-input catalogue.
/// </summary>
public sealed class SecretTests
{
    public static IEnumerable<TestCaseData> Forms() =>
    [
        new TestCaseData(false, "text").SetArgDisplayNames("uri", "text"),
        new TestCaseData(false, "json").SetArgDisplayNames("uri", "json"),
        new TestCaseData(true, "text").SetArgDisplayNames("key=value", "text"),
        new TestCaseData(true, "json").SetArgDisplayNames("key=value", "json"),
    ];

    [TestCaseSource(nameof(Forms))]
    public async Task No_command_writes_the_password_anywhere(bool keyValue, string output)
    {
        var target = await PasswordServer.CreateDatabaseAsync(keyValue);
        using var leak = new SecretLeak();
        using var workspace = new CaseWorkspace(target);
        var dir = workspace.Dir;
        var viaFlag = new[] { "--connection", target.Connection, "--output", output };
        var viaVariable = leak.StepEnvironment(new Dictionary<string, string> { ["DATABASE_URL"] = target.Connection });
        var viaOwnVariable = leak.StepEnvironment(new Dictionary<string, string> { ["MIGRATION_DATABASE_URL"] = target.Connection });
        var step = leak.StepEnvironment();
        var unreachable = keyValue
            ? $"Host=127.0.0.1;Port=1;Username=app;Password={target.Password};Timeout=1"
            : $"postgresql://app:{Uri.EscapeDataString(target.Password!)}@127.0.0.1:1/db?connect_timeout=1";

        var runs = new List<(string Name, Func<Task<CliResult>> Run)>
        {
            ("config", () => Tool.RunAsync(step, ["config", .. viaFlag])),
            ("lint", () => Tool.RunAsync(viaVariable, "lint", "--dir", dir, "--output", output)),
            ("hash", () => Tool.RunAsync(viaVariable, "hash", "--dir", dir, "--output", output)),
            ("plan", () => Tool.RunAsync(viaVariable, "plan", "--dir", dir, "--output", output)),
            ("status", () => Tool.RunAsync(viaOwnVariable, "status", "--dir", dir, "--output", output)),
            ("up", () => Tool.RunAsync(step, ["up", "--dir", dir, .. viaFlag])),
            ("down", () => Tool.RunAsync(step, ["down", "--dir", dir, .. viaFlag])),
            ("mark-applied", () => Tool.RunAsync(step, ["mark-applied", "0020", "--dir", dir, .. viaFlag])),
            ("baseline on a used history", () => Tool.RunAsync(step, ["baseline", "--version", "0020", "--dir", dir, .. viaFlag])),
            ("up, a failing migration", () =>
            {
                workspace.Write("0030_fails.sql", "CREATE TABLE partial (id int);\nSELECT * FROM no_such_table;\n");
                return Tool.RunAsync(viaVariable, "up", "--dir", dir, "--output", output);
            }),
            ("repair", () => Tool.RunAsync(step, ["repair", "--dir", dir, .. viaFlag])),
            ("up, an unreachable server", () => Tool.RunAsync(step, "up", "--dir", dir, "--connection", unreachable, "--timeout", "2", "--output", output)),
        };

        var problems = new List<string>();
        try
        {
            foreach (var (name, run) in runs)
            {
                var result = await run();
                problems.AddRange(leak.Leaks(result).Select(l => $"{name}: {l}\n{result}"));
                if (result.ExitCode == 1)
                {
                    problems.Add($"{name}: internal error\n{result}");
                }
            }
        }
        finally
        {
            await PasswordServer.DropDatabaseAsync(target);
        }

        Assert.That(problems, Is.Empty);
    }

    public static IEnumerable<TestCaseData> CatalogueInBothForms() =>
        BadInputCatalogue.Names().SelectMany(name => new[]
        {
            new TestCaseData(name, false).SetArgDisplayNames(name, "uri, text"),
            new TestCaseData(name, true).SetArgDisplayNames(name, "key=value, json"),
        });

    [TestCaseSource(nameof(CatalogueInBothForms))]
    public async Task No_bad_input_case_writes_the_password_anywhere(string name, bool keyValue)
    {
        var @case = BadInputCatalogue.Named(name);
        var target = await PasswordServer.CreateDatabaseAsync(keyValue);
        using var leak = new SecretLeak();
        CaseOutcome outcome;
        try
        {
            outcome = await CaseRunner.RunAsync(@case, target, leak.StepEnvironment(), keyValue ? "json" : "text");
        }
        finally
        {
            await PasswordServer.DropDatabaseAsync(target);
        }

        Assert.That(outcome.Result.ExitCode, Is.EqualTo(@case.Exit), outcome.Result.ToString());
        Assert.That(leak.Leaks(outcome.Result), Is.Empty, outcome.Result.ToString());
    }
}

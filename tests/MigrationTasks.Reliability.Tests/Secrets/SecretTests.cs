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
        Form(ConnectionForm.Uri, "text"),
        Form(ConnectionForm.Uri, "json"),
        Form(ConnectionForm.NpgsqlKeyValue, "text"),
        Form(ConnectionForm.NpgsqlKeyValue, "json"),
        Form(ConnectionForm.LibpqKeyValue, "text"),
        Form(ConnectionForm.LibpqKeyValue, "json"),
        Form(ConnectionForm.LibpqQuoted, "text"),
        Form(ConnectionForm.UriEncodedName, "text"),
        Form(ConnectionForm.UriEncodedName, "json"),
    ];

    [TestCaseSource(nameof(Forms))]
    public async Task No_command_writes_the_password_anywhere(string form, string output)
    {
        var target = await PasswordServer.CreateDatabaseAsync(Enum.Parse<ConnectionForm>(form));
        using var leak = new SecretLeak();
        using var workspace = new CaseWorkspace(target);
        var dir = workspace.Dir;
        var viaFlag = new[] { "--connection", target.Connection, "--output", output };
        var viaVariable = leak.StepEnvironment(new Dictionary<string, string> { ["DATABASE_URL"] = target.Connection });
        var viaOwnVariable = leak.StepEnvironment(new Dictionary<string, string> { ["MIGRATION_DATABASE_URL"] = target.Connection });
        var step = leak.StepEnvironment();
        var unreachable = target.With(port: 1, connectTimeout: 1);

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

    // Every case in the URI and Npgsql forms; the connection cases, whose messages are about the
    // connection itself, in libpq's two spellings and with an encoded parameter name too.
    public static IEnumerable<TestCaseData> CatalogueInEveryForm() =>
        BadInputCatalogue.Names().SelectMany(name => new[]
        {
            Case(name, ConnectionForm.Uri, "text"),
            Case(name, ConnectionForm.NpgsqlKeyValue, "json"),
        }).Concat(BadInputCatalogue.ConnectionNames().SelectMany(name => new[]
        {
            Case(name, ConnectionForm.LibpqKeyValue, "json"),
            Case(name, ConnectionForm.LibpqQuoted, "text"),
            Case(name, ConnectionForm.UriEncodedName, "json"),
        }));

    [TestCaseSource(nameof(CatalogueInEveryForm))]
    public async Task No_bad_input_case_writes_the_password_anywhere(string name, string form, string output)
    {
        var @case = BadInputCatalogue.Named(name);
        var target = await PasswordServer.CreateDatabaseAsync(Enum.Parse<ConnectionForm>(form));
        using var leak = new SecretLeak();
        CaseOutcome outcome;
        try
        {
            outcome = await CaseRunner.RunAsync(@case, target, leak.StepEnvironment(), output);
        }
        finally
        {
            await PasswordServer.DropDatabaseAsync(target);
        }

        Assert.That(outcome.Result.ExitCode, Is.EqualTo(@case.Exit), outcome.Result.ToString());
        Assert.That(leak.Leaks(outcome.Result), Is.Empty, outcome.Result.ToString());
    }

    // Strings, not the internal enum, so NUnit can pass them to a public test.
    private static TestCaseData Form(ConnectionForm form, string output) =>
        new TestCaseData(form.ToString(), output).SetArgDisplayNames(form.ToString(), output);

    private static TestCaseData Case(string name, ConnectionForm form, string output) =>
        new TestCaseData(name, form.ToString(), output).SetArgDisplayNames(name, $"{form}, {output}");
}

using MigrationTasks.Cli.Tests.Support;
using MigrationTasks.Testing;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// A file name is data anyone with commit access chooses, and it may hold a newline. Whatever it holds,
/// it must not start a line of its own: in a GitHub Actions step such a line could be a workflow command
/// (an annotation, a mask, an output), and in a plain log a forged "file: error MT..." line.
/// </summary>
public sealed class CraftedFileNameTests
{
    private const string Forged = "0001_x.sql: error MT9999: forged";

    [TestCase("lint", "text")]
    [TestCase("up", "text")]
    [TestCase("status", "json")]
    public async Task A_newline_in_a_file_name_starts_no_workflow_command_in_a_GitHub_step(string command, string output)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        workspace.Write("0030_x\n::warning file=app.cs::forged\n.sql", "SELECT 1;");

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" },
            command, "--dir", workspace.Dir, "--connection", database.ConnectionString, "--output", output);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        var commands = Lines(result.Output).Concat(Lines(result.Error)).Where(line => line.TrimStart().StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.That(commands, Is.Not.Empty, "the step gets its annotations\n" + result);
        Assert.That(commands, Has.All.Match("^::(error|warning|notice) title=MT\\d{4}[,:]|^::add-mask::"), result.ToString());
    }

    [Test]
    public async Task A_workflow_command_in_a_string_of_the_SQL_a_plan_shows_is_not_run_in_a_GitHub_step()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        workspace.Write("0030_text.sql", "SELECT '\n::error::forged from SQL\n  ::add-mask::x\n';\n");

        var result = await Tool.RunAsync(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" },
            "plan", "--dir", workspace.Dir, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("%3A:error::forged from SQL").And.Contain("  %3A:add-mask::x"), "the SQL is still shown");
        var commands = Lines(result.All).Select(line => line.TrimStart()).Where(line => line.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.That(commands, Has.None.Contain("forged"), result.ToString());
        Assert.That(commands, Has.No.Member("::add-mask::x"), result.ToString());
    }

    [TestCase("lint")]
    [TestCase("up")]
    public async Task A_newline_in_a_file_name_forges_no_diagnostic_line_in_text_output(string command)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var workspace = new CaseWorkspace(Target.ForTestDatabase(database.ConnectionString));
        workspace.Write($"0030_x\n{Forged}\n.sql", "SELECT 1;");

        var result = await Tool.RunAsync(command, "--dir", workspace.Dir, "--connection", database.ConnectionString);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(Lines(result.All), Has.None.StartsWith(Forged), result.ToString());
        Assert.That(result.Error, Does.Contain("0030_x\\n" + Forged + "\\n.sql: error MT1001:"));
    }

    private static string[] Lines(string text) => text.Split(['\n', '\r']);
}

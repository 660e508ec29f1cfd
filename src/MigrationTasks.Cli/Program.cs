using MigrationTasks.Cli;

var console = new MigrationTasks.Cli.Commands.CliConsole(Console.Out, Console.Error)
{
    InputIsTerminal = !Console.IsInputRedirected,
    OutputIsTerminal = !Console.IsOutputRedirected,
};
return await CliApp.RunAsync(args, console, Environment.GetEnvironmentVariable, CancellationToken.None);

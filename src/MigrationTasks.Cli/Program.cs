using System.Text;
using MigrationTasks.Cli;

// Redirected output (a CI log, a file, a pipe) goes through a writer with a buffer as large as a long report: every
// write still reaches the stream at once (AutoFlush), but a report written as one string (the status of a thousand
// migrations) is one system call, where Console.Out's writer makes one per 256 characters.
var output = Console.IsOutputRedirected && Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage
    ? TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = true })
    : Console.Out;
var console = new MigrationTasks.Cli.Commands.CliConsole(output, Console.Error)
{
    InputIsTerminal = !Console.IsInputRedirected,
    OutputIsTerminal = !Console.IsOutputRedirected,
};
return await CliApp.RunAsync(args, console, Environment.GetEnvironmentVariable, CancellationToken.None);

using System.Text;
using MigrationTasks.Cli;

var console = new MigrationTasks.Cli.Commands.CliConsole(Console.IsOutputRedirected ? RedirectedOutput() : Console.Out, Console.Error)
{
    InputIsTerminal = !Console.IsInputRedirected,
    OutputIsTerminal = !Console.IsOutputRedirected,
};
return await CliApp.RunAsync(args, console, Environment.GetEnvironmentVariable, CancellationToken.None);

// Redirected output (a CI log, a file, a pipe) goes through a writer with a buffer as large as a long report: every
// write still reaches the stream at once (AutoFlush), but a report written as one string (the status of a thousand
// migrations) is one system call, where Console.Out's writer makes one per 256 characters. The stream is opened
// first, as Console.Out opens it: with standard output closed, reading the console's encoding first could open a file
// that takes descriptor 1, and the output would go into that file.
static TextWriter RedirectedOutput()
{
    var stream = Console.OpenStandardOutput();
    if (Console.OutputEncoding.CodePage != Encoding.UTF8.CodePage)
    {
        stream.Dispose();
        return Console.Out;
    }

    return TextWriter.Synchronized(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = true });
}

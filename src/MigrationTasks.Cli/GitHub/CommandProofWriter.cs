using System.Text;
using MigrationTasks.Cli.Commands;

namespace MigrationTasks.Cli.GitHub;

/// <summary>
/// The console inside a GitHub Actions step. The runner reads every line of stdout and stderr that
/// starts with <c>::</c> (after leading blanks) as a workflow command, so text that is not one, such
/// as a file name or a SQL comment with a newline in it, must never start a line that way: the first
/// ':' of such a line is written as <c>%3A</c>. The runner's own commands go to <see cref="Commands"/>.
/// </summary>
internal sealed class CommandProofWriter(TextWriter commands) : TextWriter
{
    // Reporters may write from more than one thread; the line state must see one write at a time.
    private readonly Lock _gate = new();
    private bool _lineStart = true;
    private bool _heldColon;

    /// <summary>The writer underneath, for the workflow commands this tool means to send.</summary>
    public TextWriter Commands { get; } = commands;

    public override Encoding Encoding => Commands.Encoding;

    public static CliConsole Wrap(CliConsole console) => console with { Out = new CommandProofWriter(console.Out), Error = new CommandProofWriter(console.Error) };

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    // Written in runs, not character by character: the console flushes on every write.
    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            WriteGuarded(buffer);
        }
    }

    private void WriteGuarded(ReadOnlySpan<char> buffer)
    {
        var run = 0;
        for (var i = 0; i < buffer.Length; i++)
        {
            var c = buffer[i];
            if (_heldColon)
            {
                _heldColon = false;
                _lineStart = false;
                Commands.Write(c == ':' ? "%3A" : ":");
            }
            else if (_lineStart && c == ':')
            {
                // Held until the next character says whether this line would read as a command.
                Commands.Write(buffer[run..i]);
                _heldColon = true;
                run = i + 1;
                continue;
            }

            _lineStart = c is '\n' or '\r' || (_lineStart && c is ' ' or '\t');
        }

        Commands.Write(buffer[run..]);
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (_heldColon)
            {
                _heldColon = false;
                _lineStart = false;
                Commands.Write(':');
            }

            Commands.Flush();
        }
    }

    public override Task FlushAsync() => Task.Run(Flush);
}

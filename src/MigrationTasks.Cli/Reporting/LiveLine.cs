using System.Globalization;
using System.Text;

namespace MigrationTasks.Cli.Reporting;

/// <summary>
/// The line of the migration running now, on a terminal: drawn when it starts (<c>[2/5] 0002_backfill</c>), redrawn
/// with its elapsed time a few times a second once it has run for a second (a 20-minute backfill must not look hung),
/// and replaced by its result line when it ends. Anything else printed meanwhile goes above it (<see cref="Above"/>).
/// Only for a terminal (<see cref="Terminal.LiveOutput"/>): redirected output never gets a carriage return.
/// </summary>
internal sealed class LiveLine : IDisposable
{
    public static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);

    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Reset = "\u001b[0m";

    // A Monitor, not a Lock: Above runs the reporter's writes, which start and finish lines, while holding it.
    private readonly object _turn = new();
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly bool _color;
    private readonly ITimer _timer;
    private string? _label;
    private long _started;
    private int _drawnWidth;

    public LiveLine(TextWriter output, TimeProvider time, bool color)
    {
        (_output, _time, _color) = (output, time, color);
        _timer = time.CreateTimer(_ => Tick(), null, TickEvery, TickEvery);
    }

    /// <summary>A migration started: its line is drawn after the current write (<see cref="Above"/>).</summary>
    public void Start(string label)
    {
        lock (_turn)
        {
            (_label, _started) = (label, _time.GetTimestamp());
        }
    }

    /// <summary>The running migration ended: its result replaces the live line for good.</summary>
    public void Finish(string line)
    {
        lock (_turn)
        {
            Erase();
            _output.WriteLine(Colored(line));
            _label = null;
        }
    }

    /// <summary>Runs <paramref name="write"/> on a clean line, then draws the running migration's line again below it.</summary>
    public void Above(Action write)
    {
        lock (_turn)
        {
            Erase();
            write();
            if (_label is not null && _drawnWidth == 0)
            {
                Draw(Text());
            }
        }
    }

    /// <summary>The timer's tick (a test calls it with a fake clock): the elapsed time, once it is worth showing.</summary>
    public void Tick()
    {
        lock (_turn)
        {
            if (_label is not null && _time.GetElapsedTime(_started) >= ShowAfter)
            {
                Draw(Text());
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_turn)
        {
            Erase();
        }
    }

    /// <summary><c>12.3 s</c> under a minute, then <c>20m 05s</c>.</summary>
    public static string Elapsed(TimeSpan elapsed) => elapsed < TimeSpan.FromMinutes(1)
        ? elapsed.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes}m {elapsed.Seconds:00}s");

    private string Text()
    {
        var elapsed = _time.GetElapsedTime(_started);
        return elapsed >= ShowAfter ? $"{_label}  {Elapsed(elapsed)}" : _label!;
    }

    // Pads over what was drawn before rather than sending an erase sequence, so NO_COLOR output holds no escape at all.
    private void Draw(string text)
    {
        _output.Write('\r');
        _output.Write(Colored(text));
        _output.Write(new string(' ', Math.Max(0, _drawnWidth - text.Length)));
        _drawnWidth = Math.Max(1, text.Length);
        _output.Flush();
    }

    private void Erase()
    {
        if (_drawnWidth > 0)
        {
            _output.Write('\r');
            _output.Write(new string(' ', _drawnWidth));
            _output.Write('\r');
            _drawnWidth = 0;
        }
    }

    // The counter dimmed and a failure red; plain text when colour is off.
    private string Colored(string text)
    {
        if (!_color)
        {
            return text;
        }

        var colored = new StringBuilder(text);
        if (text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is > 0 and var end)
        {
            colored.Insert(end + 1, Reset).Insert(0, Dim);
        }

        return colored.Replace("FAILED", $"{Red}FAILED{Reset}").ToString();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MigrationTasks.Cli.Tests.Support;

namespace MigrationTasks.Reliability.Tests.Signals;

/// <summary>
/// An orchestrator stops a runner that is still connecting to a server that accepted the TCP connection
/// but never answers (a hung proxy, a server stuck in start-up). The runner used to wait out its connect
/// timeout (about 13 s) and then claim a statement was cancelled and a lock released; it must exit at
/// once with the signal's code and say that nothing was started.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignalWhileConnectingTests
{
    // Generous for a loaded two-core machine; the runner itself takes a few milliseconds.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    [TestCase("TERM", 143)]
    [TestCase("INT", 130)]
    public async Task A_signal_while_connecting_to_a_silent_server_exits_at_once_and_says_nothing_was_started(string signal, int exitCode)
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var folder = new Migrations().Add("0001_create.sql", "CREATE TABLE t (id int);\n");

        using var runner = Tool.Start(null, "up", "--dir", folder.Path, "--connection", $"postgres://runner:secret@127.0.0.1:{port}/app");
        using var accepted = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        await Tool.SignalAsync(runner, signal);
        var result = await Tool.WaitAsync(runner, TimeSpan.FromMinutes(1));
        var took = clock.Elapsed;

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        Assert.That(took, Is.LessThan(Prompt), result.ToString());
        Assert.That(result.All, Does.Contain("nothing was applied and no migration lock was held"));
        Assert.That(result.All, Does.Not.Contain("rolled back").And.Not.Contain("lock released"));
    }
}

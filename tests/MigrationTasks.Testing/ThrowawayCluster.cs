// A private PostgreSQL cluster made with initdb and run with pg_ctl: the shared per-run test
// server is one, and a test that must control a server's lifetime (start it late, stop it)
// makes its own.
using System.Collections.Concurrent;
using Npgsql;

namespace MigrationTasks.Testing;

public sealed class ThrowawayCluster : IAsyncDisposable
{
    // The owning process id is in the name so a later run can sweep clusters whose
    // process died before its cleanup ran (killed test host, debugger stop).
    private const string DirectoryPrefix = "migrationtasks-pg-";

    private static readonly ConcurrentDictionary<ThrowawayCluster, byte> Live = new();
    private static int ExitHandlerRegistered;

    private readonly PostgresBinaries _binaries;
    // Once a caller may have seen Port (given one, or created unstarted), it must never change.
    private readonly bool _portIsFixed;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _everStarted;
    private bool _disposed;

    private ThrowawayCluster(PostgresBinaries binaries, string directory, int port, bool portIsFixed)
    {
        _binaries = binaries;
        Directory = directory;
        Port = port;
        _portIsFixed = portIsFixed;
    }

    /// <summary>The TCP port on 127.0.0.1; known before the first start.</summary>
    public int Port { get; private set; }

    /// <summary>The temporary directory holding the data directory, socket and log.</summary>
    public string Directory { get; }

    public bool IsRunning { get; private set; }

    private string DataDirectory => Path.Combine(Directory, "data");

    private string LogFile => Path.Combine(Directory, "server.log");

    /// <summary>
    /// Creates a fresh cluster (initdb) and, unless <paramref name="start"/> is false, starts it.
    /// Without a <paramref name="port"/> a free one is picked now, so <see cref="Port"/> can be
    /// handed to code under test before the server comes up.
    /// </summary>
    public static async Task<ThrowawayCluster> CreateAsync(
        int? port = null, bool start = true, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find()
            ?? throw ServerUnavailable.Report("initdb and pg_ctl were found neither on PATH nor under /usr/lib/postgresql/*/bin (nor in MIGRATIONTASKS_PG_BIN when set).");

        RegisterExitHandler();
        var directory = CreateDirectory();
        var cluster = new ThrowawayCluster(binaries, directory, port ?? FreePort.Reserve(), portIsFixed: port is not null || !start);
        Live[cluster] = 0;
        try
        {
            await cluster.InitAsync(cancellationToken);
            if (start)
            {
                await cluster.StartAsync(cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A key=value connection string as the trusted superuser <c>postgres</c>.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
        }.ToString();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (IsRunning)
            {
                return;
            }

            // A port picked by us may be taken by another process in the meantime: pick again,
            // but only while no caller can have seen it yet.
            for (var attempt = 1; ; attempt++)
            {
                var (exitCode, output) = await ClusterCommand.TryRunAsync(_binaries.PgCtl, StartArguments(), Directory, cancellationToken);
                if (exitCode == 0)
                {
                    IsRunning = true;
                    _everStarted = true;
                    return;
                }

                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "";
                var portTaken = log.Contains("could not bind", StringComparison.Ordinal);
                if (!portTaken || _portIsFixed || _everStarted || attempt >= 5)
                {
                    throw new InvalidOperationException(
                        $"pg_ctl start on port {Port} failed ({exitCode}):\n{output}\nServer log {LogFile}:\n{log}");
                }

                Port = FreePort.Reserve();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server; <paramref name="immediate"/> simulates a crash (no shutdown checkpoint).</summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!IsRunning)
            {
                return;
            }

            await ClusterCommand.RunAsync(_binaries.PgCtl, StopArguments(immediate ? "immediate" : "fast"), Directory, cancellationToken);
            IsRunning = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server immediately and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Live.TryRemove(this, out _);
            if (IsRunning)
            {
                await ClusterCommand.TryRunAsync(_binaries.PgCtl, StopArguments("immediate"), Directory, CancellationToken.None);
                IsRunning = false;
            }

            DeleteDirectory(Directory);
        }
        finally
        {
            // Not disposed: a second DisposeAsync must stay a harmless no-op.
            _gate.Release();
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        if (ClusterCommand.IsRoot)
        {
            await ClusterCommand.ChownToServerUserAsync(Directory, cancellationToken);
        }

        // --no-sync and the start options below trade durability for speed: the data is throwaway.
        await ClusterCommand.RunAsync(
            _binaries.InitDb,
            ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"],
            Directory,
            cancellationToken);
    }

    private string[] StartArguments()
    {
        // pg_ctl hands -o to a shell, hence the quoted socket directory.
        var options =
            $"-p {Port} -k {ClusterCommand.ShellQuote(Directory)} -c listen_addresses=127.0.0.1 " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 " +
            // Two-phase commit on, so that a migration holding PREPARE TRANSACTION would really leave a prepared transaction behind.
            "-c max_prepared_transactions=10";
        // -l keeps the server's output away from our pipes, which would otherwise never close.
        return ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"];
    }

    private string[] StopArguments(string mode) => ["-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop"];

    private static string CreateDirectory()
    {
        var root = BaseDirectory();
        SweepStaleClusters(root);
        var directory = Path.Combine(root, $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    // tmpfs makes initdb and CREATE DATABASE several times faster; containers often cap
    // /dev/shm at 64 MB, too small for a cluster, so check the free space first.
    private static string BaseDirectory()
    {
        const string shm = "/dev/shm";
        try
        {
            if (System.IO.Directory.Exists(shm) && new DriveInfo(shm).AvailableFreeSpace > 1L << 30)
            {
                return shm;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Fall back to the temp directory.
        }

        return Path.GetTempPath();
    }

    private static void SweepStaleClusters(string root)
    {
        foreach (var stale in System.IO.Directory.GetDirectories(root, DirectoryPrefix + "*"))
        {
            var pidText = Path.GetFileName(stale)[DirectoryPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, out var pid) || System.IO.Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            var binaries = PostgresBinaries.Find();
            var data = Path.Combine(stale, "data");
            if (binaries is not null && File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                ClusterCommand.RunQuietly(binaries.PgCtl, ["-D", data, "-m", "immediate", "stop"], stale, TimeSpan.FromSeconds(30));
            }

            DeleteDirectory(stale);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process may be sweeping the same directory; the next sweep retries.
        }
    }

    // The NUnit fixture stops clusters at the end of a run; this is the safety net for runs
    // that end without it (a test host that exits early, an assembly without the fixture).
    private static void RegisterExitHandler()
    {
        if (Interlocked.Exchange(ref ExitHandlerRegistered, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var cluster in Live.Keys)
                {
                    cluster.StopAndDeleteNow();
                }
            };
        }
    }

    private void StopAndDeleteNow()
    {
        if (IsRunning)
        {
            ClusterCommand.RunQuietly(_binaries.PgCtl, StopArguments("immediate"), Directory, TimeSpan.FromSeconds(30));
        }

        DeleteDirectory(Directory);
    }
}

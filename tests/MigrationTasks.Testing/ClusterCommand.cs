// Runs initdb / pg_ctl. The server refuses to run as root, so when the test process is root
// the programs run as the unprivileged `postgres` OS user instead.
using System.Diagnostics;
using System.Text;

namespace MigrationTasks.Testing;

internal static class ClusterCommand
{
    public const string ServerUser = "postgres";

    // Environment.UserName on Unix resolves the effective uid, which is what the server checks.
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && Environment.UserName == "root";

    public static async Task<string> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await TryRunAsync(program, arguments, workingDirectory, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        }

        return output;
    }

    public static async Task<(int ExitCode, string Output)> TryRunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(program, arguments, workingDirectory) };
        process.Start();
        // Read both pipes concurrently so a chatty program cannot fill one and block.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        return (process.ExitCode, output);
    }

    // Synchronous variant for ProcessExit handlers, where async continuations may never run.
    public static void RunQuietly(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        try
        {
            using var process = new Process { StartInfo = StartInfo(program, arguments, workingDirectory) };
            process.Start();
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort: the process is exiting and the stale-cluster sweep of the next run cleans up.
        }
    }

    // Gives the postgres user a directory the root test process created.
    public static Task ChownToServerUserAsync(string directory, CancellationToken cancellationToken) =>
        RunAsync("chown", ["-R", ServerUser + ":", directory], directory, cancellationToken);

    private static ProcessStartInfo StartInfo(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // Must be readable by the postgres user: root's own cwd (/root) often is not.
            WorkingDirectory = workingDirectory,
        };
        info.Environment["LC_ALL"] = "C";

        if (!IsRoot || program == "chown")
        {
            info.FileName = program;
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
        }
        else if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser"))
        {
            info.FileName = "runuser";
            foreach (var argument in (string[])["-u", ServerUser, "--", program, .. arguments])
            {
                info.ArgumentList.Add(argument);
            }
        }
        else
        {
            // su takes one shell command line, so quote every word for /bin/sh.
            info.FileName = "su";
            var commandLine = string.Join(' ', new[] { program }.Concat(arguments).Select(ShellQuote));
            foreach (var argument in (string[])[ServerUser, "-s", "/bin/sh", "-c", commandLine])
            {
                info.ArgumentList.Add(argument);
            }
        }

        return info;
    }

    internal static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}

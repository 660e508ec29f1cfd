using System.CommandLine;
using System.Reflection;
using MigrationTasks.Bundles;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Files;
using MigrationTasks.Postgres;
using MigrationTasks.Postgres.Connections;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// Runs one command with everything a command needs (settings, reporter, migrations, runner) and
/// turns expected failures into their exit codes. Only unexpected exceptions become exit 1.
/// </summary>
internal sealed class CommandRunner(CliConsole console, EnvironmentSettings environment)
{
    public static readonly string ToolVersion =
        typeof(CommandRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<int> RunAsync(ParseResult parse, Func<CommandContext, Task<int>> command, CancellationToken cancellationToken, bool skipWhenDisabled = false)
    {
        var reporter = CreateReporter(parse, console);
        try
        {
            // Checked before anything else: a deployment that disables migrations may not configure a database at all.
            if (skipWhenDisabled && environment.Flag(EnvironmentSettings.Disabled))
            {
                reporter.Notice($"{EnvironmentSettings.Disabled} is set: migrations are disabled, nothing was done.");
                return ExitCodes.Success;
            }

            var settings = RunSettings.Resolve(parse, environment);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(settings.Timeout);
            var (migrations, bundleRootHash) = LoadMigrations(parse.GetValue(CliOptions.Bundle), settings.Directory, deadline.Token);
            var provider = new PostgresProvider(settings.Postgres);
            var runner = new MigrationRunner(provider, reporter, new ApplyContext(ToolVersion, bundleRootHash, null, null));
            try
            {
                return await command(new CommandContext(settings, migrations, runner, reporter, environment)).WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                reporter.Problems([Diagnostic.Error(DiagnosticCodes.DatabaseUnreachable,
                    $"the run did not finish within the overall timeout of {settings.Timeout.TotalSeconds:0} s; raise MIGRATION_TIMEOUT or --timeout")]);
                return ExitCodes.DatabaseUnreachable;
            }
        }
        catch (MigrationRunException e)
        {
            // A failed migration was already reported, with its excerpt, by the event that announced it.
            if (e.InnerException is not MigrationFailedException)
            {
                reporter.Problems(e.Diagnostics);
            }

            return e.ExitCode;
        }
        catch (ConnectionStringException e)
        {
            reporter.Problems([Diagnostic.Error(DiagnosticCodes.InvalidConnection, e.Message)]);
            return ExitCodes.Usage;
        }
    }

    public static IReporter CreateReporter(ParseResult parse, CliConsole console) =>
        parse.GetValue(CliOptions.Output) == "json" ? new JsonReporter(console.Out) : new ConsoleReporter(console.Out, console.Error);

    // A bundle is verified before anything connects: tampering is exit 3 naming the file, and the
    // root hash of what was verified is recorded with every migration applied from it. A folder is
    // read and checked while the runner connects (the runner still refuses bad files before writing).
    private static (Task<MigrationSet> Migrations, string? BundleRootHash) LoadMigrations(string? bundle, string directory, CancellationToken cancellationToken)
    {
        if (bundle is null)
        {
            return (Task.Run(() => MigrationDirectory.Load(directory), cancellationToken), null);
        }

        var verified = BundleVerifier.Verify(bundle);
        return verified.HasErrors
            ? throw new MigrationRunException(ExitCodes.InvalidMigrations, verified.Diagnostics.Where(d => d.IsError).ToList())
            : (Task.FromResult(verified.Migrations), verified.RootHash);
    }
}

/// <summary>What a command body works with.</summary>
internal sealed record CommandContext(RunSettings Settings, Task<MigrationSet> Migrations, MigrationRunner Runner, IReporter Reporter, EnvironmentSettings Environment);

/// <summary>Where the CLI writes; the real console, or writers a test reads.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error);

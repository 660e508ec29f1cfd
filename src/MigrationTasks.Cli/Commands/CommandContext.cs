using System.CommandLine;
using MigrationTasks.Cli.Reporting;
using MigrationTasks.Execution;
using MigrationTasks.Files;

namespace MigrationTasks.Cli.Commands;

/// <summary>What the pipeline needs to know about a command besides its body.</summary>
/// <param name="NeedsDatabase">The pipeline reads the migrations, resolves the connection and builds the runner; without it the body runs off the thread that waits for signals.</param>
/// <param name="Destructive">Refused in a protected environment unless --force is given.</param>
/// <param name="SkipWhenDisabled">DISABLE_DB_MIGRATIONS turns the command into a no-op (before any setting is read).</param>
/// <param name="ChecksWhatWillRun">
/// The runner checks the files once the history says which will run (up, down, status, plan): they are read only as
/// far as their checksums while it connects (<see cref="Files.MigrationDirectory.Load"/>'s deferChecks).
/// </param>
/// <param name="ChangesNothing">
/// A check that writes nothing (status, plan, drift, dump): over a fleet it reports every tenant unless --on-error fail
/// is given, since one tenant's finding (a drift, a pending migration) is no reason to leave the others unchecked.
/// </param>
/// <param name="UndoesOnCancel">
/// A command without a database of the run that still makes something to undo (verify's scratch database): on a signal the
/// pipeline waits for its body to undo it and return, rather than leaving at once as it does for reading files.
/// </param>
internal sealed record CommandTraits(bool NeedsDatabase = true, bool Destructive = false, bool SkipWhenDisabled = false, bool ChecksWhatWillRun = false, bool ChangesNothing = false, bool UndoesOnCancel = false);

/// <summary>What a command body works with.</summary>
internal sealed record CommandContext(EffectiveSettings Effective, IReporter Reporter, EnvironmentSettings Environment, ParseResult Parse)
{
    /// <summary>Cancelled by SIGINT/SIGTERM or by the overall deadline.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Set for a command whose traits say it needs a database.</summary>
    public DatabaseWork? Database { get; init; }

    public RunSettings Settings => Needed.Settings;

    /// <summary>The SQL dialect the migrations are written in (migrations.yaml's 'engine:', else the connection's).</summary>
    public Dialects.IMigrationDialect Dialect => CommandRunner.DialectOf(Parse, Effective, Environment);

    public Task<MigrationSet> Migrations => Needed.Migrations;

    public MigrationRunner Runner => Needed.Runner;

    public HistoryAdministration Administration => Needed.Administration;

    // A command that reaches for the database without declaring it is a bug in its wiring, not a user error.
    private DatabaseWork Needed => Database ?? throw new InvalidOperationException($"'{Parse.CommandResult.Command.Name}' does not declare that it needs a database");
}

/// <summary>The parts of a command that talk to the database, built by the pipeline.</summary>
internal sealed record DatabaseWork(RunSettings Settings, Task<MigrationSet> Migrations, MigrationRunner Runner, HistoryAdministration Administration);

/// <summary>Where the CLI writes; the real console, or writers a test reads.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>stdin is a terminal (not redirected); false for a test's writers.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>stdout is a terminal (not redirected); false for a test's writers.</summary>
    public bool OutputIsTerminal { get; init; }
}

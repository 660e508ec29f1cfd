namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The migrations.yaml `migrations init` writes: every key a newcomer needs, commented out with its
/// default (docs/configuration.md), so uncommenting one line is all it takes to change it.
/// </summary>
internal static class StarterConfiguration
{
    /// <param name="directory">Where the migrations are, relative to the file. Written out even when it is the default: the default is
    /// relative to the working directory, the key to the file, so the file finds its folder from anywhere (--config).</param>
    /// <param name="engine">sqlite is written out (the build lints with it); postgresql, the default, stays a comment.</param>
    public static string Text(string directory, string engine)
    {
        var engineLine = engine == "sqlite" ? "engine: sqlite                    # the SQL the files are written in: postgresql or sqlite" : "# engine: postgresql              # the SQL the files are written in: postgresql or sqlite";
        return $"""
            # migrations.yaml: settings of the `migrations` tool and of `dotnet build`'s checks.
            # Every key is optional; each line below shows its default. See docs/configuration.md.
            # The connection is not set here (it holds a password): pass --connection or MIGRATION_DATABASE_URL.

            {$"directory: {directory}",-33} # folder of the .sql files, relative to this file
            {engineLine}

            # history:
            #   schema: public                 # schema of the history and audit tables (PostgreSQL)
            #   table: migrationtasks_history  # the audit table is <table>_audit

            # lock:
            #   timeout: 300s                  # wait for another runner's lock, then exit 4

            # timeout: 300s                    # the whole run, connecting included; 0 = no limit

            # defaults:                        # per migration; a file's -- migrate: directive wins
            #   lock_timeout: 5s               # fail fast instead of queueing behind a long query (server's default: none)
            #   statement_timeout: 15min       # (server's default: none)

            # retry:                           # transactional migrations that hit a lock timeout, deadlock or serialization failure
            #   attempts: 3                    # in total, the first run included; 1 turns retry off
            #   initial_delay: 1s
            #   max_delay: 30s

            # lint:                            # safety rules (docs/lint.md)
            #   enabled: true
            #   since: 0042                    # only migrations above this version are linted
            #   set-not-null: error            # a rule's severity: error, warning or off

            # environments:                    # select with --environment or MIGRATION_ENVIRONMENT
            #   production:
            #     protected: true              # down, baseline, mark-applied and repair need --force

            """;
    }
}

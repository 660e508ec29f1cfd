using System.Globalization;
using MigrationTasks.Postgres.Connections;
using Npgsql;

namespace MigrationTasks.Postgres.Resilience;

/// <summary>
/// Opens a connection, waiting out a database that is still starting or briefly unreachable,
/// and turning a permanent failure into a message that says what to fix.
/// </summary>
public static class DatabaseConnector
{
    private const string DefaultSettingName = "the connection string (--connection, MIGRATION_DATABASE_URL or DATABASE_URL)";

    /// <inheritdoc cref="OpenAsync(NpgsqlConnectionStringBuilder, RetryPolicy, Action{RetryAttempt}?, string?, CancellationToken)"/>
    public static Task<NpgsqlConnection> OpenAsync(
        NpgsqlConnectionStringBuilder settings,
        RetryPolicy policy,
        Action<RetryAttempt>? onRetry,
        CancellationToken cancellationToken)
        => OpenAsync(settings, policy, onRetry, settingName: null, cancellationToken);

    /// <summary>Opens a connection, retrying transient failures under <paramref name="policy"/>.</summary>
    /// <param name="settingName">Where the settings came from (e.g. MIGRATION_DATABASE_URL), named in error messages.</param>
    /// <exception cref="RetriesExhaustedException">The server stayed unreachable until the deadline.</exception>
    /// <exception cref="DatabaseConnectException">The server refused the connection for a reason retrying cannot fix.</exception>
    /// <exception cref="ConnectionStringException">The settings name no host.</exception>
    public static async Task<NpgsqlConnection> OpenAsync(
        NpgsqlConnectionStringBuilder settings,
        RetryPolicy policy,
        Action<RetryAttempt>? onRetry,
        string? settingName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        // Not disposed here: the connection it opens outlives this call. The settings are unpooled, so the
        // data source holds no idle connections and the connection's own disposal closes the socket.
        var dataSource = CreateDataSource(settings, policy.Deadline, settingName);
        return await OpenAsync(dataSource, settings, policy, onRetry, settingName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The data source a run opens its connections from (build it once: building costs more than opening).
    /// It carries only what a migration runner uses: built-in scalar types and arrays, TLS and Kerberos,
    /// and no catalog query for the server's types at open, which costs about a third of a connect.
    /// </summary>
    /// <exception cref="ConnectionStringException">The settings name no host.</exception>
    public static NpgsqlDataSource CreateDataSource(NpgsqlConnectionStringBuilder settings, TimeSpan deadline, string? settingName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            // Npgsql would throw a bare ArgumentNullException for this.
            throw new ConnectionStringException($"The connection settings in {settingName ?? DefaultSettingName} name no host. Add Host=... or a host to the URI.");
        }

        // The slim builder skips registering the many type handlers a runner never reads: a large part of start-up.
        return new NpgsqlSlimDataSourceBuilder(WithoutGssProbe(WithAttemptTimeout(settings, deadline)).ConnectionString)
            .EnableArrays()
            .EnableTransportSecurity()
            .EnableIntegratedSecurity()
            .ConfigureTypeLoading(types => types.EnableTypeLoading(false))
            .Build();
    }

    /// <summary>Opens a connection from <paramref name="dataSource"/>; <paramref name="settings"/> name the server in messages.</summary>
    /// <exception cref="ConnectionStringException">The password file Npgsql read has a malformed line.</exception>
    public static async Task<NpgsqlConnection> OpenAsync(
        NpgsqlDataSource dataSource,
        NpgsqlConnectionStringBuilder settings,
        RetryPolicy policy,
        Action<RetryAttempt>? onRetry,
        string? settingName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(policy);
        var where = settingName ?? DefaultSettingName;
        try
        {
            return await policy.ExecuteAsync(token => OpenOnceAsync(dataSource.CreateConnection(), token),
                TransientErrors.IsTransient, onRetry, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e) when (e.Message.Contains("pgpass", StringComparison.OrdinalIgnoreCase))
        {
            // Npgsql reads the password file only when the server asks for a password, and throws a bare
            // FormatException for a bad line. Its text is not echoed: a line of that file holds a password.
            throw new ConnectionStringException(
                $"The password file (passfile in {where}, else PGPASSFILE, else ~/.pgpass) has a malformed line, such as a port that is not a number. Fix it: each line is hostname:port:database:username:password, with * for any value and \\: for a ':' inside one; or give the password in {where}.");
        }
        catch (RetriesExhaustedException e) when (e.InnerException is { } last)
        {
            throw new RetriesExhaustedException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Could not reach the database at {Describe(settings)} after {e.Attempts} attempt{(e.Attempts == 1 ? "" : "s")} over {e.Elapsed.TotalSeconds:0.0} s: {RedactedDetail.Without(last.Message)}. Check that the server is running and reachable from here, that the host and port in {where} are right, or allow more {Configuration.SettingNames.ConnectTimeout}"),
                e.Attempts,
                e.Elapsed,
                last);
        }
        catch (PostgresException e)
        {
            throw ConnectErrors.FromServer(e, settings, where);
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseConnectException(
                $"Could not connect to the database at {Describe(settings)}: {RedactedDetail.Without(e.Message)}{InnerDetail(e)}. Check the host, port and SSL settings in {where}.",
                e);
        }
    }

    // The policy does not interrupt a running attempt, so a connect timeout longer than the whole
    // deadline (Npgsql's default is 15 s) would overshoot it; cap it at the deadline.
    /// <summary>
    /// Npgsql, like libpq, tries GSS encryption first by default, which loads the Kerberos libraries on
    /// every connect: they cost start-up time, and a runner that exits while they initialise on another
    /// thread (a cancelled connect after invalid files) can abort in their destructors (seen as exit 134
    /// from the Native AOT runner). Kerberos authentication still works; GSS encryption is used when the
    /// connection asks for it (gssencmode, GSS Encryption Mode).
    /// </summary>
    private static NpgsqlConnectionStringBuilder WithoutGssProbe(NpgsqlConnectionStringBuilder settings)
    {
        // The builder's connection string holds only the settings that were given.
        if (settings.ConnectionString.Contains("GSS Encryption Mode", StringComparison.OrdinalIgnoreCase))
        {
            return settings;
        }

        return new NpgsqlConnectionStringBuilder(settings.ConnectionString) { GssEncryptionMode = GssEncryptionMode.Disable };
    }

    private static NpgsqlConnectionStringBuilder WithAttemptTimeout(NpgsqlConnectionStringBuilder settings, TimeSpan deadline)
    {
        var deadlineSeconds = (int)Math.Clamp(Math.Ceiling(deadline.TotalSeconds), 1, 1024);
        if (settings.Timeout != 0 && settings.Timeout <= deadlineSeconds)
        {
            return settings;
        }

        return new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Timeout = deadlineSeconds };
    }

    private static async Task<NpgsqlConnection> OpenOnceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var open = connection.OpenAsync(cancellationToken);
        try
        {
            // Npgsql does not interrupt its wait for the server's first reply when the token fires, only at its
            // connect timeout: stop waiting at once (a signal must end the run promptly); the connection is released when the attempt ends.
            await open.WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !open.IsCompleted)
        {
            _ = open.ContinueWith(_ => connection.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
        catch
        {
            // A failed attempt's connection object is never handed out, so release it here.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Host, port and database for messages; never the password.</summary>
    internal static string Describe(NpgsqlConnectionStringBuilder settings, bool withDatabase = true)
    {
        var host = settings.Host ?? "";
        // Per-host ports live in the Host list; only add the Port when there is a single host.
        var target = host.Contains(',', StringComparison.Ordinal) || host.StartsWith('/') ? host : $"{host}:{settings.Port}";
        return withDatabase && settings.Database is { Length: > 0 } database ? $"{target}, database \"{database}\"" : target;
    }

    private static string InnerDetail(Exception e)
        => e.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) && inner.Message != e.Message ? $" ({inner.Message})" : "";
}

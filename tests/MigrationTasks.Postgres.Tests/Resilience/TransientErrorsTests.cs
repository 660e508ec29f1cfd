using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using MigrationTasks.Postgres.Resilience;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Resilience;

public class TransientErrorsTests
{
    private static PostgresException ServerError(string sqlState)
        => new("server says no", "FATAL", "FATAL", sqlState);

    [TestCase("57P03", TestName = "cannot_connect_now (starting up) is transient")]
    [TestCase("57P01", TestName = "admin_shutdown is transient")]
    [TestCase("57P02", TestName = "crash_shutdown is transient")]
    [TestCase("53300", TestName = "too_many_connections is transient")]
    [TestCase("53000", TestName = "insufficient_resources is transient")]
    [TestCase("08000", TestName = "connection_exception is transient")]
    [TestCase("08001", TestName = "sqlclient_unable_to_establish_sqlconnection is transient")]
    [TestCase("08006", TestName = "connection_failure is transient")]
    [TestCase("58030", TestName = "io_error is transient")]
    public void Transient_sqlstate(string sqlState)
        => Assert.That(TransientErrors.IsTransient(ServerError(sqlState)), Is.True);

    [TestCase("28P01", TestName = "invalid_password is permanent")]
    [TestCase("28000", TestName = "invalid_authorization_specification is permanent")]
    [TestCase("3D000", TestName = "invalid_catalog_name (no such database) is permanent")]
    [TestCase("42501", TestName = "insufficient_privilege is permanent")]
    [TestCase("08P01", TestName = "protocol_violation is permanent")]
    [TestCase("53100", TestName = "disk_full is permanent")]
    [TestCase("42P01", TestName = "undefined_table is permanent")]
    [TestCase("40001", TestName = "serialization_failure is not retried by this classifier")]
    [TestCase("40P01", TestName = "deadlock_detected is not retried by this classifier")]
    [TestCase("55P03", TestName = "lock_not_available is not retried by this classifier")]
    public void Permanent_sqlstate(string sqlState)
        => Assert.That(TransientErrors.IsTransient(ServerError(sqlState)), Is.False);

    [TestCase(SocketError.ConnectionRefused)]
    [TestCase(SocketError.HostUnreachable)]
    [TestCase(SocketError.NetworkUnreachable)]
    [TestCase(SocketError.TimedOut)]
    [TestCase(SocketError.TryAgain)]
    [TestCase(SocketError.HostNotFound)]
    [TestCase(SocketError.AddressNotAvailable)]
    public void Socket_error_while_the_server_is_not_reachable_yet_is_transient(SocketError error)
        => Assert.That(TransientErrors.IsTransient(new SocketException((int)error)), Is.True);

    [Test]
    public void Socket_access_denied_is_permanent()
        => Assert.That(TransientErrors.IsTransient(new SocketException((int)SocketError.AccessDenied)), Is.False);

    [Test]
    public void Npgsql_wrapper_around_refused_connection_is_transient()
        => Assert.That(TransientErrors.IsTransient(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))), Is.True);

    [Test]
    public void Npgsql_wrapper_around_tls_failure_is_permanent()
        => Assert.That(TransientErrors.IsTransient(new NpgsqlException("SSL failed", new AuthenticationException("bad cert"))), Is.False);

    [Test]
    public void Npgsql_wrapper_around_missing_certificate_file_is_permanent()
        => Assert.That(TransientErrors.IsTransient(new NpgsqlException("cert", new FileNotFoundException("root.crt"))), Is.False);

    [Test]
    public void Timeout_is_transient()
        => Assert.That(TransientErrors.IsTransient(new TimeoutException()), Is.True);

    [Test]
    public void Io_error_on_the_connection_is_transient()
        => Assert.That(TransientErrors.IsTransient(new EndOfStreamException()), Is.True);

    [Test]
    public void All_hosts_failing_transiently_is_transient()
    {
        var e = new NpgsqlException("Unable to connect to a suitable host", new AggregateException(
            new NpgsqlException("h1", new SocketException((int)SocketError.ConnectionRefused)),
            new NpgsqlException("h2", new TimeoutException())));

        Assert.That(TransientErrors.IsTransient(e), Is.True);
    }

    [Test]
    public void One_host_failing_permanently_makes_the_whole_failure_permanent()
    {
        var e = new NpgsqlException("Unable to connect to a suitable host", new AggregateException(
            new NpgsqlException("h1", new SocketException((int)SocketError.ConnectionRefused)),
            ServerError("28P01")));

        Assert.That(TransientErrors.IsTransient(e), Is.False);
    }

    [Test]
    public void Cancellation_is_not_transient()
        => Assert.That(TransientErrors.IsTransient(new OperationCanceledException()), Is.False);

    [Test]
    public void Programming_error_is_not_transient()
        => Assert.That(TransientErrors.IsTransient(new InvalidOperationException()), Is.False);
}

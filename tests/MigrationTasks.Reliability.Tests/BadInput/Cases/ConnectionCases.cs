using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>
/// Connection settings that do not parse (exit 2) or that the server refuses (exit 5, at once). Each
/// carries the target's password when it has one, so the secrets suite sees these failures with the sentinel.
/// </summary>
internal static class ConnectionCases
{
    public static IEnumerable<BadInputCase> All()
    {
        yield return Url("a port that is not a number", ws => $"postgresql://{UserInfo(ws)}@127.0.0.1:notaport/db");
        yield return Url("an unknown parameter", ws => $"postgresql://{UserInfo(ws)}@127.0.0.1:5432/db?colour=blue");
        yield return Url("an IPv6 host without its closing bracket", ws => $"postgresql://{UserInfo(ws)}@[::1:5432/db");
        yield return Url("a scheme that is not postgres", ws => $"mysql://{UserInfo(ws)}@127.0.0.1:3306/db");
        yield return Url("a bad percent-encoding", ws => $"postgresql://{UserInfo(ws)}%zz@127.0.0.1/db");
        yield return Of("connection: a key=value string with an unknown keyword (status)", ["status"],
            ws => ws.Connection = $"Host=127.0.0.1;Username=app;Password={ws.Target.Password ?? "pw"};Colour=blue", 2, "MT4001");
        yield return Of("connection: no connection at all (up)", ["up"], ws => ws.Connection = null, 2, "MT4001");

        yield return new BadInputCase("connection: a wrong password (up)", ["up"], async ws =>
        {
            var other = await PasswordServer.CreateDatabaseAsync(ws.Target.KeyValue);
            ws.Connection = other.With(password: PasswordServer.Sentinel + "-wrong");
        }, 5, "MT3005");
        yield return Of("connection: a database that does not exist (plan)", ["plan"], ws => ws.Connection = ws.Target.With(database: "no_such_database"), 5, "MT3005");
    }

    // DATABASE_URL rather than --connection: the variable is what deployments set.
    private static BadInputCase Url(string name, Func<CaseWorkspace, string> url) =>
        Of($"DATABASE_URL: {name} (up)", ["up"], ws =>
        {
            ws.Connection = null;
            ws.Environment["DATABASE_URL"] = url(ws);
        }, 2, "MT4001");

    private static string UserInfo(CaseWorkspace ws) => $"app:{Uri.EscapeDataString(ws.Target.Password ?? "pw")}";
}

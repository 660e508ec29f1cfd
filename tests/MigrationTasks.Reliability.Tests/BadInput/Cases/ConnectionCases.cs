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

        // libpq's key=value form and percent-encoded parameter names: read as libpq reads them, and the
        // password, however it is spelled, never echoed.
        yield return Url("a libpq key=value string with an unknown keyword after the password", ws => $"host=127.0.0.1 user=app password={Escaped(ws)} colour=blue");
        yield return Url("a libpq key=value string with an unterminated quote", ws => $"host=127.0.0.1 user=app password='{Escaped(ws)}");
        yield return Url("a libpq key=value string with a keyword libpq does not know", ws => $"host=127.0.0.1 password={Escaped(ws)} Password={Escaped(ws)}");
        yield return Url("Npgsql keywords separated by spaces", ws => $"Host=127.0.0.1 Username=app Password={ws.Target.Password ?? "pw"} Database=db");
        yield return Url("libpq and Npgsql separators mixed", ws => $"host=127.0.0.1;user=app password={Escaped(ws)}");
        yield return Url("a password inside Npgsql's Options", ws => $"Host=127.0.0.1;Username=app;Options=-c password={ws.Target.Password ?? "pw"}");
        yield return Url("an encoded password parameter name beside an unknown parameter", ws => $"postgresql://app@127.0.0.1/db?pass%77ord={Uri.EscapeDataString(ws.Target.Password ?? "pw")}&colour=blue");
        yield return Url("an encoded password parameter name and a port that is not a number", ws => $"postgresql://app@127.0.0.1:notaport/db?%70assword={Uri.EscapeDataString(ws.Target.Password ?? "pw")}");
        yield return Of("connection: a libpq key=value string to a port nothing listens on (up)", ["up"], ws =>
        {
            ws.Connection = $"host=127.0.0.1 port=1 user=app password='{Escaped(ws)}' connect_timeout=1";
            ws.Environment["MIGRATION_TIMEOUT"] = "2";
        }, 5, "MT3002");
        yield return Of("connection: a libpq key=value string with an empty quoted password (status)", ["status"],
            ws => ws.Connection = $"host={ws.Target.Host} port={ws.Target.Port} user={PasswordServer.User} password='' dbname={ws.Target.Database}", 5, "MT3005");
        yield return Of("connection: no connection at all (up)", ["up"], ws => ws.Connection = null, 2, "MT4001");

        yield return new BadInputCase("connection: a wrong password (up)", ["up"], async ws =>
        {
            var other = await PasswordServer.CreateDatabaseAsync(ws.Target.Form);
            ws.Connection = other.With(password: PasswordServer.Sentinel + "-wrong");
        }, 5, "MT3005");
        yield return new BadInputCase("connection: a malformed .pgpass file (up)", ["up"], async ws =>
        {
            // No password in the setting: the server asks for one and Npgsql reads the passfile (PGPASSFILE or ~/.pgpass the same way).
            var other = await PasswordServer.CreateDatabaseAsync(ws.Target.Form);
            var pgpass = Path.Combine(ws.Root, "pgpass");
            await File.WriteAllTextAsync(pgpass, $"{other.Host}:notaport:{other.Database}:{other.User}:x\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(pgpass, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            ws.Connection = $"postgresql://{other.User}@{other.Host}:{other.Port}/{other.Database}?passfile={Uri.EscapeDataString(pgpass)}";
        }, 2, "MT4001");
        yield return Of("connection: a database that does not exist (plan)", ["plan"], ws => ws.Connection = ws.Target.With(database: "no_such_database"), 5, "MT3005");
    }

    // DATABASE_URL rather than --connection: the variable is what deployments set.
    private static BadInputCase Url(string name, Func<CaseWorkspace, string> url) =>
        Of($"DATABASE_URL: {name} (up)", ["up"], ws =>
        {
            ws.Connection = null;
            ws.Environment["DATABASE_URL"] = url(ws);
        }, 2, "MT4001");

    // libpq's escaping: a backslash before each space, quote and backslash, valid in and out of quotes.
    private static string Escaped(CaseWorkspace ws) =>
        string.Concat((ws.Target.Password ?? "pw").Select(c => c is ' ' or '\'' or '\\' ? "\\" + c : c.ToString()));

    private static string UserInfo(CaseWorkspace ws) => $"app:{Uri.EscapeDataString(ws.Target.Password ?? "pw")}";
}

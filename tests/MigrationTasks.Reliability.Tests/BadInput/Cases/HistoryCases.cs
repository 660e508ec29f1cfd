using static MigrationTasks.Reliability.Tests.BadInput.BadInputCase;

namespace MigrationTasks.Reliability.Tests.BadInput.Cases;

/// <summary>Files that disagree with the history: edited, deleted or late migrations, missing down files, refused adoption.</summary>
internal static class HistoryCases
{
    public static IEnumerable<BadInputCase> All()
    {
        yield return Of("history: an applied migration was edited (up)", ["up"],
            ws => ws.Write("0020_create_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n"), 3, "MT2001", "0020_create_orders.sql");
        yield return Of("history: the applied migration to revert was edited (down)", ["down"],
            ws => ws.Write("0020_create_orders.sql", "CREATE TABLE orders (id bigint);\n"), 3, "MT2001", "0020_create_orders.sql");
        yield return Of("history: an applied migration was deleted (plan)", ["plan"], ws =>
        {
            ws.Delete("0010_create_users.sql");
            ws.Delete("0010_create_users.down.sql");
        }, 3, "MT2002");
        yield return Of("history: a new migration below the highest applied one (up)", ["up"],
            ws => ws.Write("0015_late.sql", "CREATE TABLE late (id int);\n"), 3, "MT2003", "0015_late.sql");
        yield return Of("history: a missing down file (down)", ["down"], ws => ws.Delete("0020_create_orders.down.sql"), 3, "MT2006");
        yield return Of("history: a missing down file two steps back (down --steps 2)", ["down", "--steps", "2"],
            ws => ws.Delete("0010_create_users.down.sql"), 3, "MT2006");
        yield return Of("history: a missing down file (plan --down)", ["plan", "--down"], ws => ws.Delete("0020_create_orders.down.sql"), 3, "MT2006");
        yield return Of("history: a --target that no file has (up)", ["up", "--target", "0025"], ws => ws.Write("0030_next.sql", "SELECT 1;\n"), 2, "MT2005");
        yield return Of("history: baseline while the history is not empty (baseline)", ["baseline", "--version", "0020"], _ => { }, 2, "MT4006") with { Audited = true };
        yield return Of("history: baseline at a version that no file has (baseline)", ["baseline", "--version", "0015"], _ => { }, 2, "MT2005") with { Fresh = true };
        yield return Of("history: mark-applied on an applied migration (mark-applied)", ["mark-applied", "0020"], _ => { }, 2, "MT2009") with { Audited = true };
        // A version no file has is refused before connecting: on a fresh database no history or audit table appears.
        yield return Of("history: mark-applied of a version no file has, on a fresh database (mark-applied)", ["mark-applied", "0015"], _ => { }, 2, "MT2005") with { Fresh = true };
        yield return Of("history: mark-applied of a version no file has (mark-applied)", ["mark-applied", "0030"], _ => { }, 2, "MT2005");
        yield return Of("history: repair accepting a version no file has, on a fresh database (repair)", ["repair", "--accept-checksum", "0015"], _ => { }, 2, "MT2008") with { Fresh = true };
    }
}

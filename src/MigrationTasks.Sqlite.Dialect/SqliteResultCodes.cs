namespace MigrationTasks.Sqlite.Dialect;

/// <summary>
/// The SQLite result codes the tool treats specially, as the names users search for
/// (https://www.sqlite.org/rescode.html). A failure's code is the primary result code's name.
/// </summary>
public static class SqliteResultCodes
{
    public const string Busy = "SQLITE_BUSY";
    public const string Locked = "SQLITE_LOCKED";

    /// <summary>The name of a primary result code (the low byte of an extended one).</summary>
    public static string NameOf(int code) => (code & 0xff) switch
    {
        1 => "SQLITE_ERROR",
        2 => "SQLITE_INTERNAL",
        3 => "SQLITE_PERM",
        4 => "SQLITE_ABORT",
        5 => Busy,
        6 => Locked,
        7 => "SQLITE_NOMEM",
        8 => "SQLITE_READONLY",
        9 => "SQLITE_INTERRUPT",
        10 => "SQLITE_IOERR",
        11 => "SQLITE_CORRUPT",
        13 => "SQLITE_FULL",
        14 => "SQLITE_CANTOPEN",
        19 => "SQLITE_CONSTRAINT",
        20 => "SQLITE_MISMATCH",
        23 => "SQLITE_AUTH",
        26 => "SQLITE_NOTADB",
        var other => $"SQLITE_{other}",
    };
}

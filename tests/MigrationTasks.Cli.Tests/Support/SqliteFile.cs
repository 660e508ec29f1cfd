using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>Reads a SQLite database file the way a person compares two of them: its schema and every row, in a fixed order.</summary>
internal static class SqliteFile
{
    /// <summary>
    /// The schema and the rows of every table, like the sqlite3 shell's .dump, skipping the tables whose
    /// rows a run adds by design however it ends (the audit table, and the sequence behind its ids).
    /// </summary>
    public static string Dump(string path, params string[] skipRowsOf)
    {
        using var connection = Open(path);
        var dump = new StringBuilder();
        var tables = new List<string>();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name";
            using var reader = schema.ExecuteReader();
            while (reader.Read())
            {
                dump.AppendLine(reader.IsDBNull(2) ? reader.GetString(1) : reader.GetString(2));
                if (reader.GetString(0) == "table")
                {
                    tables.Add(reader.GetString(1));
                }
            }
        }

        foreach (var table in tables.Where(t => t != "sqlite_sequence" && !skipRowsOf.Contains(t)))
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                dump.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(' ').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    public static long Count(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// SQLite's file change counter (header bytes 24-27): one more for every transaction that changed the file, in
    /// rollback-journal mode, whichever connection committed it.
    /// </summary>
    public static int Commits(string path)
    {
        var header = new byte[28];
        using var file = File.OpenRead(path);
        file.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(24));
    }

    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        return connection;
    }
}

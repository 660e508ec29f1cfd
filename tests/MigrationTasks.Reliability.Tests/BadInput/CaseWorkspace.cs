using System.Text;
using MigrationTasks.Bundles;
using MigrationTasks.Files;
using MigrationTasks.Postgres.Dialect;

namespace MigrationTasks.Reliability.Tests.BadInput;

/// <summary>
/// The files and settings of one bad-input case: a migrations folder that starts with the
/// <see cref="BaseMigrations"/>, an optional bundle and migrations.yaml, the connection the tool is
/// given and its environment variables. Deleted on dispose.
/// </summary>
internal sealed class CaseWorkspace : IDisposable
{
    /// <summary>Applied before every case that is not fresh, so the history and audit tables have rows to protect.</summary>
    public static readonly IReadOnlyList<(string File, string Sql)> BaseMigrations =
    [
        ("0010_create_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\nINSERT INTO users VALUES (1, 'ada@example.com');\n"),
        ("0010_create_users.down.sql", "DROP TABLE users;\n"),
        ("0020_create_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));\n"),
        ("0020_create_orders.down.sql", "DROP TABLE orders;\n"),
    ];

    public CaseWorkspace(Target target)
    {
        Target = target;
        Connection = target.Connection;
        Directory.CreateDirectory(Dir);
        foreach (var (file, sql) in BaseMigrations)
        {
            Write(file, sql);
        }
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "mt-bad-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The migrations folder passed with --dir.</summary>
    public string Dir => Path.Combine(Root, "migrations");

    /// <summary>The bundle folder passed with --bundle, once <see cref="WriteBundle"/> made it.</summary>
    public string Bundle => Path.Combine(Root, "bundle");

    public Target Target { get; }

    /// <summary>What --connection says; null to leave it out (the environment then decides).</summary>
    public string? Connection { get; set; }

    /// <summary>migrations.yaml passed with --config, once <see cref="WriteConfig"/> wrote it.</summary>
    public string? ConfigPath { get; set; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public CaseWorkspace Write(string file, string text) => WriteBytes(file, Encoding.UTF8.GetBytes(text));

    public CaseWorkspace WriteBytes(string file, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(Dir, file), bytes);
        return this;
    }

    public void Delete(string file) => File.Delete(Path.Combine(Dir, file));

    public void WriteConfig(string yaml)
    {
        ConfigPath = Path.Combine(Root, "migrations.yaml");
        File.WriteAllText(ConfigPath, yaml);
    }

    /// <summary>Publishes the folder as it is now into <see cref="Bundle"/>, as `dotnet publish` does.</summary>
    public void WriteBundle() => BundleWriter.Write(MigrationDirectory.Load(PostgresDialect.Instance, Dir), Bundle, "0.1.0");

    public string BundleFile(string name) => Path.Combine(Bundle, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file name that is not UTF-8 (a file-system case) cannot be deleted through .NET.
            SpecialFiles.DeleteFolder(Root);
        }
    }
}

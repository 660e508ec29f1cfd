using System.Globalization;

namespace MigrationTasks.Cli.Tests.Support;

/// <summary>A temporary migrations folder; removed on dispose.</summary>
internal sealed class Migrations : IDisposable
{
    public Migrations() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mt-cli-" + Guid.NewGuid().ToString("N"));

    public Migrations Add(string fileName, string sql)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), sql);
        return this;
    }

    /// <summary>Three small migrations: two tables and a row.</summary>
    public static Migrations Basic() => new Migrations()
        .Add("0001_create_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);")
        .Add("0002_create_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));")
        .Add("0003_seed_user.sql", "INSERT INTO users VALUES (1, 'ada@example.com');");

    public static Migrations Numbered(int count)
    {
        var migrations = new Migrations();
        for (var i = 1; i <= count; i++)
        {
            var version = i.ToString("D4", CultureInfo.InvariantCulture);
            migrations.Add($"{version}_t{version}.sql", $"CREATE TABLE t{version} (id int);\nINSERT INTO t{version} VALUES ({i});");
        }

        return migrations;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

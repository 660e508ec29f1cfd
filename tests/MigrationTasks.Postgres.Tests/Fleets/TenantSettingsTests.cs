using MigrationTasks.Fleets;
using MigrationTasks.Postgres.Fleets;
using Npgsql;

namespace MigrationTasks.Postgres.Tests.Fleets;

public sealed class TenantSettingsTests
{
    private static readonly PostgresSettings Fleet = new(new NpgsqlConnectionStringBuilder("Host=db;Database=app;Application Name=migrationtasks")) { LockKey = 42 };

    [Test]
    public void A_tenant_schema_is_the_search_path_the_history_schema_and_the_placeholder()
    {
        var settings = TenantSettings.For(Fleet, new Tenant("globex", "Globex Corp"));

        Assert.That(settings.Connection.SearchPath, Is.EqualTo("\"Globex Corp\""));
        Assert.That((settings.HistorySchema, settings.TenantSchema, settings.Connection.Database), Is.EqualTo(("Globex Corp", "Globex Corp", "app")));
    }

    [Test]
    public void Each_tenant_schema_has_its_own_lock_key_even_when_one_is_configured()
    {
        var keys = new[] { "a", "b" }.Select(s => TenantSettings.For(Fleet, new Tenant(s, s)).EffectiveLockKey("app")).ToList();

        Assert.That(keys.Distinct().Count(), Is.EqualTo(2));
        Assert.That(keys, Does.Not.Contain(42L));
    }

    [Test]
    public void The_application_name_names_the_tenant_within_postgres_limit()
    {
        var settings = TenantSettings.For(Fleet, new Tenant(new string('k', 80), "s"));

        Assert.That(settings.Connection.ApplicationName, Does.StartWith("migrationtasks/kkk").And.Length.EqualTo(63));
    }

    [Test]
    public void A_long_non_ascii_tenant_key_is_cut_to_63_bytes_on_a_character_boundary()
    {
        // 'é' is two bytes in UTF-8 and the prefix "migrationtasks/" fifteen: a cut by characters would leave 111 bytes
        var settings = TenantSettings.For(Fleet, new Tenant(new string('é', 60) + "😀", "s"));

        var name = settings.Connection.ApplicationName!;
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(name), Is.LessThanOrEqualTo(63).And.GreaterThanOrEqualTo(62));
        Assert.That(name, Does.StartWith("migrationtasks/éé").And.Not.Contain("\uFFFD"));
        Assert.That(char.IsHighSurrogate(name[^1]), Is.False);
    }

    [Test]
    public void A_tenant_with_its_own_connection_keeps_the_configured_history_schema()
    {
        var settings = TenantSettings.For(Fleet, new Tenant("acme", null, "postgresql://u@other:5433/acme"));

        Assert.That((settings.Connection.Host, settings.Connection.Database, settings.HistorySchema, settings.TenantSchema), Is.EqualTo(("other", "acme", "public", (string?)null)));
    }

    [Test]
    public void A_bad_tenant_connection_string_names_the_tenant_and_not_the_password()
    {
        var error = Assert.Throws<MigrationTasks.Postgres.Connections.ConnectionStringException>(() => TenantSettings.For(Fleet, new Tenant("acme", null, "postgresql://u:hunter2@[bad")))!;

        Assert.That(error.Message, Does.StartWith("tenant 'acme'").And.Not.Contain("hunter2"));
    }
}

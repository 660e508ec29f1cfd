using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Fleets;

namespace MigrationTasks.Core.Tests.Fleets;

public sealed class TenantListTests
{
    private string _file = null!;

    [SetUp]
    public void SetUp() => _file = Path.GetTempFileName();

    [TearDown]
    public void TearDown() => File.Delete(_file);

    [Test]
    public void A_file_of_keys_lists_one_tenant_per_line_whose_schema_is_its_key()
    {
        File.WriteAllText(_file, "# customers\nacme\n\n  globex \r\n");

        var tenants = TenantList.ReadFile(_file);

        Assert.That(tenants.Select(t => (t.Key, t.Schema)), Is.EqualTo(new[] { ("acme", "acme"), ("globex", "globex") }));
    }

    [Test]
    public void A_json_file_gives_key_schema_connection_and_tags()
    {
        File.WriteAllText(_file, """[{"key": "acme", "schema": "t_acme", "plan": "gold"}, {"key": "globex", "connection_string": "Host=h;Database=globex"}, "initech"]""");

        var tenants = TenantList.ReadFile(_file);

        Assert.That(tenants.Select(t => (t.Key, t.Schema, t.ConnectionString)),
            Is.EqualTo(new[] { ("acme", (string?)"t_acme", (string?)null), ("globex", null, "Host=h;Database=globex"), ("initech", "initech", null) }));
        Assert.That(tenants[0].Tags, Is.EqualTo(new Dictionary<string, string> { ["plan"] = "gold" }));
    }

    [Test]
    public void A_json_entry_without_a_key_is_an_error_naming_the_file()
    {
        File.WriteAllText(_file, """[{"schema": "x"}]""");

        var error = Assert.Throws<MigrationRunException>(() => TenantList.ReadFile(_file))!;

        Assert.That(error.Outcome, Is.EqualTo(RunOutcome.InvalidSetting));
        Assert.That(error.Diagnostics[0], Has.Property(nameof(Diagnostic.Code)).EqualTo(DiagnosticCodes.InvalidTenantList).And.Property(nameof(Diagnostic.File)).EqualTo(_file));
    }

    [Test]
    public void A_duplicate_key_is_an_error_naming_the_key()
    {
        var error = Assert.Throws<MigrationRunException>(() => TenantList.Check([new("acme"), new("globex"), new("acme")], allowEmpty: false, "the tenants query"))!;

        Assert.That(error.Diagnostics[0].Code, Is.EqualTo(DiagnosticCodes.DuplicateTenant));
        Assert.That(error.Diagnostics[0].Message, Does.Contain("'acme'").And.StartWith("the tenants query"));
    }

    [Test]
    public void An_empty_list_is_an_error_unless_allowed()
    {
        var error = Assert.Throws<MigrationRunException>(() => TenantList.Check([], allowEmpty: false, "the tenants query"))!;

        Assert.That(error.Diagnostics[0].Code, Is.EqualTo(DiagnosticCodes.NoTenants));
        Assert.That(error.Diagnostics[0].Message, Does.Contain(NextStep.AllowEmptyFleet.ToString()), "names the step; the CLI spells it --allow-empty");
        Assert.That(TenantList.Check([], allowEmpty: true, "the tenants query"), Is.Empty);
    }
}

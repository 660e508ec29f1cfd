using MigrationTasks.Schema;

namespace MigrationTasks.Core.Tests.Schema;

public sealed class SchemaScopeTests
{
    private static readonly SchemaScope Scope = new(null, ["audit.*", "public.tmp_*", "*.pgbouncer_*", "public.a?c"]);

    [TestCase("audit.events")]
    [TestCase("audit.events.id")]
    [TestCase("audit")]
    [TestCase("public.tmp_load")]
    [TestCase("public.tmp_load.id")]
    [TestCase("ops.pgbouncer_auth(text)")]
    [TestCase("public.abc")]
    public void A_glob_excludes_matching_identities_and_the_schema_its_members_belong_to(string identity) =>
        Assert.That(Scope.Excludes(identity), Is.True);

    [TestCase("public")]
    [TestCase("public.orders")]
    [TestCase("auditing.events")]
    [TestCase("public.abbc")]
    [TestCase("public.tmpx")]
    public void Other_identities_are_kept(string identity) =>
        Assert.That(Scope.Excludes(identity), Is.False);

    [Test]
    public void Nothing_is_excluded_without_globs() =>
        Assert.That(SchemaScope.Everything.ExclusionPattern(), Is.Null);
}

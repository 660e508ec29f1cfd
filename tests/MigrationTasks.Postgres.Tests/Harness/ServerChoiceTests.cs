using MigrationTasks.Testing;

namespace MigrationTasks.Postgres.Tests.Harness;

/// <summary>The order in which the harness picks a test server: configured, local programs, container.</summary>
public sealed class ServerChoiceTests
{
    private static readonly Func<bool> DockerAnswers = () => true;
    private static readonly Func<bool> NoDocker = () => false;
    private static readonly Func<bool> DockerMustNotBeAsked = () => throw new AssertionException("Docker was asked although an earlier source was available");

    [Test]
    public void A_configured_server_wins_over_everything_else() =>
        Assert.That(ServerChoice.Choose(configured: true, localPrograms: true, DockerMustNotBeAsked), Is.EqualTo(ServerSource.Configured));

    [Test]
    public void Local_server_programs_come_before_a_container() =>
        Assert.That(ServerChoice.Choose(configured: false, localPrograms: true, DockerMustNotBeAsked), Is.EqualTo(ServerSource.LocalCluster));

    [Test]
    public void A_container_is_used_only_when_nothing_else_is_there_and_docker_answers()
    {
        Assert.That(ServerChoice.Choose(configured: false, localPrograms: false, DockerAnswers), Is.EqualTo(ServerSource.Container));
        Assert.That(ServerChoice.Choose(configured: false, localPrograms: false, NoDocker), Is.Null);
    }

    [TestCase("container", ServerSource.Container)]
    [TestCase("LOCAL", ServerSource.LocalCluster)]
    [TestCase("configured", ServerSource.Configured)]
    public void The_override_forces_one_source(string forced, ServerSource expected) =>
        Assert.That(ServerChoice.Choose(configured: false, localPrograms: true, DockerMustNotBeAsked, forced), Is.EqualTo(expected));

    [Test]
    public void An_unknown_override_is_an_error_naming_the_choices() =>
        Assert.That(() => ServerChoice.Choose(true, true, DockerMustNotBeAsked, "docker"),
            Throws.InvalidOperationException.With.Message.Contains("configured, local or container"));

    [Test]
    public void The_message_for_no_server_names_all_three_sources() =>
        Assert.That(ServerChoice.NoneFound, Does.Contain(TestDatabaseServer.EnvironmentVariable).And.Contain("initdb").And.Contain("Docker"));
}

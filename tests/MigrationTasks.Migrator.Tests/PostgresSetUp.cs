using System.Diagnostics.CodeAnalysis;
using MigrationTasks.Testing;

// Outside any namespace on purpose: NUnit then runs it once around the whole assembly,
// which stops this run's throwaway PostgreSQL cluster at the end.
[SetUpFixture]
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "Assembly-wide SetUpFixture.")]
public sealed class PostgresSetUp : PostgresRunFixture;

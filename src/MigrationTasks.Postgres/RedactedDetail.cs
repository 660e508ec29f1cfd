using Npgsql;

namespace MigrationTasks.Postgres;

/// <summary>
/// Npgsql withholds a server error's DETAIL unless the connection string has 'Include Error Detail', and puts a notice saying
/// so in its place. That is advice for developers of Npgsql applications, not for someone running migrations: messages we
/// show leave the notice out (a deferred constraint failing at COMMIT said it in every MT3003).
/// </summary>
internal static class RedactedDetail
{
    private const string Notice = "Detail redacted as it may contain sensitive data. Specify 'Include Error Detail' in the connection string to include this information.";

    /// <summary>The error's DETAIL; null when there is none or Npgsql withheld it.</summary>
    public static string? Of(PostgresException e) => e.Detail == Notice ? null : e.Detail;

    /// <summary>An exception's message without the notice (and the "DETAIL:" that introduces it).</summary>
    public static string Without(string message) =>
        message.Replace("\n\nDETAIL: " + Notice, "", StringComparison.Ordinal).Replace(Notice, "", StringComparison.Ordinal).TrimEnd();
}

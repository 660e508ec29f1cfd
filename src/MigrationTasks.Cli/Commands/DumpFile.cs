using System.Text;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;
using MigrationTasks.Schema;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// Writes <c>migrations dump</c>'s file. It replaces only an earlier dump (a file that starts with the fingerprint's
/// header): the default name, schema.sql, is one many projects already use for a schema of their own, which a dump
/// run in that folder silently replaced. A folder that does not exist or cannot be written is MT1019, not an internal error.
/// </summary>
internal static class DumpFile
{
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        if (!ReplaceableFile.MayReplace(path, head => FirstLine(head) == SchemaFingerprint.Header))
        {
            throw Refused($"'{path}' exists and was not written by 'migrations dump' (its first line is not '{SchemaFingerprint.Header}'); nothing was written. " +
                "Pass --out with another file, or move that one away");
        }

        try
        {
            await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refused($"could not write the schema to '{path}': {e.Message.TrimEnd('.')}; check that its folder exists and is writable, or pass --out - for stdout");
        }
    }

    private static string FirstLine(string head) => (head.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? head[..end] : head).TrimEnd('\r');

    private static MigrationRunException Refused(string message) =>
        new(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.FileAccessFailed, message));
}

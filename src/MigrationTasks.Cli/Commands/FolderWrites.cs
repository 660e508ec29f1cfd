using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The writes of <c>init</c> and <c>new</c> into the migrations folder. A folder that cannot be created or
/// written (a file on its path, a read-only mount) is the user's setting to fix: MT1019 naming the folder,
/// exit 2, as for <c>dump --out</c>, not an internal error that asks for a bug report.
/// </summary>
internal static class FolderWrites
{
    public static T Run<T>(string directory, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.FileAccessFailed,
                $"could not write into the migrations folder '{directory}': {e.Message.TrimEnd('.')}; "
                + "point --dir (or 'directory' in migrations.yaml) at a folder that can be created and written"));
        }
    }
}

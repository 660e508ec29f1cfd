namespace MigrationTasks.Cli.Commands;

/// <summary>
/// The rule for the files a command writes over (<c>dump --out</c>, a fleet's <c>--report</c>): only one it wrote
/// before, or an empty one (made by mktemp or touch). Anything else may be a user's own file named by mistake, and
/// is left as it is. Only the head is read: what marks the file as ours comes first, and a large file given by
/// mistake is not read whole.
/// </summary>
internal static class ReplaceableFile
{
    private const int HeadLength = 4096;

    /// <summary>True when <paramref name="path"/> is absent, empty, or its head passes <paramref name="isOurs"/>; a file that cannot be read is not ours.</summary>
    public static bool MayReplace(string path, Func<string, bool> isOurs)
    {
        if (!File.Exists(path))
        {
            return true;
        }

        try
        {
            using var reader = new StreamReader(path);
            var head = new char[HeadLength];
            var length = reader.ReadBlock(head, 0, head.Length);
            return length == 0 || isOurs(new string(head, 0, length));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

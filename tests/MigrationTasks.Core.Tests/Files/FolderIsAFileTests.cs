using MigrationTasks.Diagnostics;
using MigrationTasks.Files;

namespace MigrationTasks.Core.Tests.Files;

/// <summary>A file given where the migrations folder belongs is named for what it is, not "does not exist".</summary>
public sealed class FolderIsAFileTests
{
    [Test]
    public void A_file_given_as_the_migrations_folder_is_said_to_be_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            var set = Linted.Load(file);

            Assert.That(set.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCodes.DirectoryNotFound));
            Assert.That(set.Diagnostics.Single().Message, Does.Contain("is a file, not a folder").And.Not.Contain("does not exist"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

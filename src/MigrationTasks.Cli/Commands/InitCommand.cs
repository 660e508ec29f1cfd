using System.CommandLine;
using MigrationTasks.Configuration;
using MigrationTasks.Diagnostics;
using MigrationTasks.Execution;

namespace MigrationTasks.Cli.Commands;

/// <summary>
/// <c>migrations init [--dir D] [--engine postgresql|sqlite]</c>: starts a project's migrations: the folder with a
/// first migration, a commented migrations.yaml next to it, and what to do next. Never overwrites anything.
/// </summary>
internal static class InitCommand
{
    private const string FirstMigration = "0001_initial.sql";

    private static readonly Option<string> Engine = new("--engine")
    {
        Description = "The database the migrations are written for: postgresql (default) or sqlite",
        DefaultValueFactory = _ => MigrationsOptions.Engines[0],
    };

    static InitCommand()
    {
        Engine.AcceptOnlyFromAmong([.. MigrationsOptions.Engines]);
    }

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("init", "Create the migrations folder with a first migration and a commented migrations.yaml, and say how to reference the build package")
        {
            Options = { Engine },
        };
        command.SetAction((parse, ct) => runner.RunAsync(parse, new CommandTraits(NeedsDatabase: false), c => Task.FromResult(Run(c)), ct));
        return command;
    }

    private static RunOutcome Run(CommandContext context)
    {
        var engine = context.Parse.GetValue(Engine)!;
        var directory = Path.GetFullPath(context.Effective.Directory.Value);
        // Next to the folder, where the build (the project folder) and the tool (the working directory) look for it.
        var configPath = Path.Combine(Path.GetDirectoryName(directory)!, ConfigurationLoader.DefaultFileName);
        RefuseExisting(directory, configPath);

        var relative = Path.GetRelativePath(Path.GetDirectoryName(configPath)!, directory).Replace('\\', '/');
        var first = Path.Combine(directory, FirstMigration);
        FolderWrites.Run(directory, () =>
        {
            Directory.CreateDirectory(directory);
            WriteNew(first, NewCommand.UpTemplate);
            WriteNew(configPath, StarterConfiguration.Text(relative, engine));
            return first;
        });

        var example = engine == "sqlite" ? "sqlite:app.db" : "postgres://user:password@localhost:5432/app";
        // From the folder of migrations.yaml the tool finds it by itself; from elsewhere it must be named.
        var config = Path.GetDirectoryName(configPath) == Directory.GetCurrentDirectory() ? "" : $"--config {configPath} ";
        context.Reporter.Notice($"""
            Created {first}
            Created {configPath}

            Reference the build-time checks from the project (.csproj) that owns the folder:
              <PackageReference Include="MigrationTasks" Version="{CommandRunner.ToolVersion}" PrivateAssets="all" />

            Next: write the first statements into {first}, then run
              migrations up {config}--connection {example}
            """);
        return RunOutcome.Succeeded;
    }

    // Each file is created, never replaced; everything in the way is named at once, so one look fixes it.
    private static void RefuseExisting(string directory, string configPath)
    {
        var inTheWay = new List<string>();
        if (File.Exists(configPath) || Directory.Exists(configPath))
        {
            inTheWay.Add(configPath);
        }

        if (File.Exists(directory) || (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any()))
        {
            inTheWay.Add(directory);
        }

        if (inTheWay.Count > 0)
        {
            throw new MigrationRunException(RunOutcome.InvalidSetting, Diagnostic.Error(DiagnosticCodes.InitWouldOverwrite,
                $"init creates files and never replaces any, but {string.Join(" and ", inTheWay.Select(p => $"'{p}'"))} already {(inTheWay.Count == 1 ? "exists" : "exist")}; nothing was written. " +
                "Use 'migrations new <name>' to add a migration to an existing folder, or pass --dir for a new one"));
        }
    }

    private static void WriteNew(string path, string text)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(file);
        writer.Write(text);
    }
}

using System.Text;

namespace MigrationTasks.Build.Tests.Support;

/// <summary>
/// A console project in a temporary folder that references the packed MigrationTasks package from
/// the local feed (and restores anything else from the machine's configured source), with its
/// migrations/ folder. Nothing from this repository's Directory.Build.* leaks in.
/// </summary>
internal sealed class TestProject
{
    private TestProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string Migrations => Path.Combine(Directory, "migrations");

    public string SumFile => Path.Combine(Migrations, "migrations.sum");

    public static async Task<TestProject> CreateAsync(string name, string extraProperties = "")
    {
        var feed = await TestRun.PackageFeedAsync();
        var project = new TestProject(Path.Combine(TestRun.Root, name));
        System.IO.Directory.CreateDirectory(project.Migrations);
        project.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        project.Write("Directory.Build.props", "<Project />");
        project.Write("Directory.Build.targets", "<Project />");
        project.Write("Program.cs", "System.Console.WriteLine(\"service\");");
        project.Write($"{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MigrationTasks" Version="{TestRun.PackageVersion}" />
              </ItemGroup>
            </Project>
            """);
        return project;
    }

    public string Write(string relativePath, string text) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Directory, relativePath);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Migration(string fileName, string sql) => Write(Path.Combine("migrations", fileName), sql);

    public Task<ProcessResult> BuildAsync(params string[] extra) => DotNetCli.RunAsync(Directory, null, ["build", .. extra]);

    public Task<ProcessResult> BuildAsync(IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        DotNetCli.RunAsync(Directory, environment, ["build", .. extra]);

    public Task<ProcessResult> RunAsync(params string[] args) => DotNetCli.RunAsync(Directory, null, args);
}

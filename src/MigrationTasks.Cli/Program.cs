using MigrationTasks.Cli;

return await CliApp.RunAsync(args, new(Console.Out, Console.Error), Environment.GetEnvironmentVariable, CancellationToken.None);

using System.Runtime.CompilerServices;

namespace MigrationTasks.Postgres;

/// <summary>
/// Migration statements are sent exactly as written, already split by our own lexer; Npgsql's SQL
/// rewriting would re-parse them (and mishandle BEGIN ATOMIC bodies). The switch must be set before
/// Npgsql first reads it, so executables also set it in their runtimeconfig.
/// </summary>
internal static class SqlRewritingSwitch
{
#pragma warning disable CA2255 // A library module initializer is exactly what is needed here.
    [ModuleInitializer]
    internal static void Disable() => AppContext.SetSwitch("Npgsql.EnableSqlRewriting", false);
#pragma warning restore CA2255
}

namespace MigrationTasks.Postgres.Execution;

/// <summary>
/// The fleet placeholder a migration may use: <c>${tenant_schema}</c> becomes the tenant's schema,
/// quoted as an identifier, in the text sent to the server. Substituted at run time only, so the
/// checksum (taken from the file) is the same in every tenant. Without a tenant schema the text is
/// sent as written.
/// </summary>
internal sealed class TenantPlaceholders(string? schema)
{
    public const string TenantSchema = "${tenant_schema}";

    public string Apply(string statement) =>
        schema is null ? statement : statement.Replace(TenantSchema, SqlIdentifier.Quote(schema), StringComparison.Ordinal);
}

namespace MigrationTasks.Directives;

/// <summary>
/// The directives every engine so far understands the same way, each setting one part of the neutral
/// <see cref="MigrationDirectives"/>; a dialect picks from them for its <see cref="DirectiveSet"/>.
/// </summary>
public static class CommonDirectives
{
    public static Directive NoTransaction { get; } = Directive.Flag("no-transaction", d => d with { NoTransaction = true });

    public static Directive LockTimeout { get; } = Directive.Duration("lock-timeout", (d, duration) => d with { LockTimeout = duration });

    public static Directive StatementTimeout { get; } = Directive.Duration("statement-timeout", (d, duration) => d with { StatementTimeout = duration });

    public static Directive AllowOutOfOrder { get; } = Directive.Flag("allow-out-of-order", d => d with { AllowOutOfOrder = true });

    public static Directive Allow { get; } = Directive.Waiver("allow");
}

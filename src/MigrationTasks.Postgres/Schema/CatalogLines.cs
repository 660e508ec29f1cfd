namespace MigrationTasks.Postgres.Schema;

/// <summary>
/// The SQL that describes a database's schema from pg_catalog alone, one line per object:
/// <c>kind TAB identity (TAB attribute=value)*</c>, values escaped so a line never holds a tab or a newline
/// (<see cref="MigrationTasks.Schema.SchemaLine"/> reads them back). The server's own deparse functions do
/// the describing; their output depends on session settings, which <see cref="CatalogFingerprint"/> fixes
/// before this runs (search_path pg_catalog, DateStyle, IntervalStyle, TimeZone, extra_float_digits).
/// Never included: OIDs, owners, dropped-column gaps, atthasmissing, sequence values, extension members,
/// and the tool's own history and audit objects. Written for PostgreSQL 13 to 17; where the catalogs
/// differ the query says so.
/// </summary>
internal static class CatalogLines
{
    // The escaping the reader undoes: backslash first, then the characters that would break a line.
    private static string Escape(string expression) =>
        $"replace(replace(replace(replace(({expression})::text, '\\', '\\\\'), E'\\n', '\\n'), E'\\r', '\\r'), E'\\t', '\\t')";

    // A tab, the attribute's name and its escaped value; nothing when the value is null.
    private static string Attribute(string name, string expression) => $"coalesce(E'\\t{name}=' || {Escape(expression)}, '')";

    // kind is SQL: a literal ('schema') or an expression that picks one per row.
    private static string Line(string kind, string identity, params string[] attributes) =>
        $"{kind} || E'\\t' || {Escape(identity)}" + string.Concat(attributes.Select(a => " || " + a));

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    // User schemas: not the system ones, not a session's temporary schemas; with a scope, only the schemas it lists.
    private static string UserSchema(IReadOnlyList<string>? scope, string alias = "n") =>
        $"{alias}.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND {alias}.nspname !~ '^pg_(toast_)?temp_'"
        + (scope is null ? "" : $" AND {alias}.nspname IN ({string.Join(", ", scope.Select(Literal))})");

    // The object a line describes, as pg_description keys it: every line but an extension's ends with its comment, which
    // one join over all the lines adds (Commented). A join per kind (nine of them) was half of the query's planning time.
    private static string Describes(string catalog, string oid, string subid = "0") =>
        $"'{catalog}'::regclass::oid AS classoid, {oid} AS objoid, {subid} AS objsubid";

    // The comment attribute, last on the line: the one join that reads pg_description (see Describes).
    private static string Commented(string lines) => $"""
        SELECT l.line || {Attribute("comment", "d.description")} AS line
        FROM ({lines}) l
        LEFT JOIN pg_description d ON d.objoid = l.objoid AND d.classoid = l.classoid AND d.objsubid = l.objsubid
        """;

    private static string NotExtensionMember(string catalog, string oid) =>
        $"NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass AND e.objid = {oid} AND e.deptype = 'e')";

    /// <summary>
    /// A scoped read's objects, found from its schemas through pg_depend's index on the referenced object rather than by
    /// reading pg_class, pg_type and pg_proc whole (they have no index by namespace; a fleet of a thousand tenant schemas
    /// makes them large): tables, views, sequences, standalone types and routines record a normal dependency on their
    /// schema; a composite type records it on its pg_type row, not its relation; indexes, a table's row type and array,
    /// constraints, triggers and policies record none and are reached from their relation. ScopedCatalogTests checks
    /// this against the catalogs read by namespace. A whole-database read scans instead, which is cheaper when every
    /// schema is read (53 against 62 ms of server CPU on a schema of a thousand tables).
    /// </summary>
    private static string Members(IReadOnlyList<string> scope) => $"""
        scope AS (
            SELECT n.oid FROM pg_namespace n WHERE {UserSchema(scope)}
        ), member AS (
            SELECT d.classid, d.objid FROM pg_depend d
            WHERE d.refclassid = 'pg_namespace'::regclass AND d.refobjid IN (SELECT oid FROM scope) AND d.refobjsubid = 0 AND d.deptype = 'n'
        ), owner AS (
            SELECT objid AS oid FROM member WHERE classid = 'pg_class'::regclass
            UNION ALL SELECT t.typrelid FROM member m JOIN pg_type t ON t.oid = m.objid WHERE m.classid = 'pg_type'::regclass AND t.typrelid <> 0
        ),
        """ + " ";

    // The rows of a catalog that the read covers: members of the scope's schemas (see Members), or every user schema's.
    private static string InScope(IReadOnlyList<string>? scope, string catalog, string oid) =>
        scope is null ? UserSchema(null) : $"{oid} IN (SELECT objid FROM member WHERE classid = '{catalog}'::regclass)";

    /// <summary>The query: rows of one column, <c>line</c>, unordered.</summary>
    /// <param name="historySchema">The history table's schema: its own objects are left out (and the schema itself unless it is public).</param>
    /// <param name="scope">
    /// The schemas to describe, or null for every user schema. A fleet tenant's run passes its own schema, so its
    /// record neither describes nor deparses the other tenants' objects (in a fleet of N schemas, describing the
    /// whole database on each tenant's run costs N squared). Extensions are then those installed in the scope.
    /// </param>
    public static string Query(string historySchema, string historyTable, string auditTable, IReadOnlyList<string>? scope = null)
    {
        var schema = Literal(historySchema);
        return $"""
            WITH {(scope is null ? "" : Members(scope))}ours AS (
                SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = {schema} AND c.relname IN ({Literal(historyTable)}, {Literal(auditTable)})
            ), excluded AS (
                SELECT oid FROM ours
                UNION SELECT d.objid FROM pg_depend d
                WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid IN (SELECT oid FROM ours)
                -- A primary key's index depends on the constraint, not the table.
                UNION SELECT x.indexrelid FROM pg_index x WHERE x.indrelid IN (SELECT oid FROM ours)
            ), rel AS (
                -- Only the columns the lines read: the CTE is materialised, and pg_class rows are wide (ACLs, partition bounds).
                SELECT c.oid, c.relkind, c.relispartition, c.relpartbound, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions,
                       format('%I.%I', n.nspname, c.relname) AS ident
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE {(scope is null ? UserSchema(null) : "c.oid IN (SELECT oid FROM owner UNION ALL SELECT x.indexrelid FROM pg_index x WHERE x.indrelid IN (SELECT oid FROM owner))")}
                  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c', 'i', 'I')
                  AND c.oid NOT IN (SELECT oid FROM excluded) AND {NotExtensionMember("pg_class", "c.oid")}
            ), typ AS (
                SELECT t.oid, t.typtype, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefault, format('%I.%I', n.nspname, t.typname) AS ident
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                -- The kinds with lines of their own (and the domains whose constraints have lines): not the row type
                -- and array type of every table, two thousand rows on a schema of a thousand tables.
                WHERE t.typtype IN ('e', 'd', 'r') AND {InScope(scope, "pg_type", "t.oid")} AND {NotExtensionMember("pg_type", "t.oid")}
            )
            {Commented(Described(scope, schema, auditTable))}
            """;
    }

    // Every object's line without its comment, with the object it describes (Describes): a UNION ALL over the kinds.
    private static string Described(IReadOnlyList<string>? scope, string schema, string auditTable) => $"""
            SELECT {Line("'schema'", "quote_ident(n.nspname)")} AS line, {Describes("pg_namespace", "n.oid")}
            FROM pg_namespace n
            WHERE {UserSchema(scope)} AND (n.nspname <> {schema} OR n.nspname = 'public') AND {NotExtensionMember("pg_namespace", "n.oid")}
            UNION ALL
            SELECT {Line(
                "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'type' END",
                "c.ident",
                Attribute("partitioned_by", "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END"),
                Attribute("partition_of", "(SELECT format('%I.%I', pn.nspname, p.relname) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition)"),
                Attribute("bound", "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END"),
                Attribute("unlogged", "CASE WHEN c.relpersistence = 'u' THEN 'yes' END"),
                Attribute("row_security", "CASE WHEN c.relrowsecurity THEN CASE WHEN c.relforcerowsecurity THEN 'forced' ELSE 'enabled' END END"),
                Attribute("options", "c.reloptions::text"),
                Attribute("definition", "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END"),
                Attribute("sequence", "CASE WHEN s.seqrelid IS NOT NULL THEN format('%s start %s increment %s min %s max %s cache %s%s', format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END) END"))}, {Describes("pg_class", "c.oid")}
            FROM rel c LEFT JOIN pg_sequence s ON s.seqrelid = c.oid
            WHERE c.relkind NOT IN ('i', 'I')
            UNION ALL
            -- Position among live columns: a dropped column leaves a gap in attnum that a fresh build has not.
            SELECT {Line("'column'", "c.ident || '.' || quote_ident(a.attname)",
                Attribute("position", "row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)"),
                Attribute("type", "format_type(a.atttypid, a.atttypmod)"),
                Attribute("not_null", "CASE WHEN a.attnotnull THEN 'yes' END"),
                Attribute("default", "CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END"),
                Attribute("generated", "CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END"),
                Attribute("identity", "CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END"),
                Attribute("collation", "CASE WHEN a.attcollation <> t.typcollation THEN (SELECT format('%I.%I', cn.nspname, co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END"))}, {Describes("pg_class", "a.attrelid", "a.attnum::int4")}
            FROM rel c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            WHERE c.relkind NOT IN ('S', 'i', 'I')
            UNION ALL
            -- PostgreSQL 18 also lists NOT NULL as constraints (contype 'n'); the column line already says it.
            SELECT {Line("'constraint'", "k.ident || '.' || quote_ident(k.conname)",
                Attribute("definition", "pg_get_constraintdef(k.oid)"),
                Attribute("validated", "CASE WHEN NOT k.convalidated THEN 'no' END"))}, {Describes("pg_constraint", "k.oid")}
            FROM (SELECT c.ident, k.oid, k.conname, k.contype, k.convalidated FROM rel c JOIN pg_constraint k ON k.conrelid = c.oid
                  UNION ALL SELECT ty.ident, k.oid, k.conname, k.contype, k.convalidated FROM typ ty JOIN pg_constraint k ON k.contypid = ty.oid) k
            WHERE k.contype <> 'n'
            UNION ALL
            SELECT {Line("'index'", "c.ident",
                Attribute("definition", "pg_get_indexdef(c.oid)"),
                Attribute("valid", "CASE WHEN NOT x.indisvalid THEN 'no' END"))}, {Describes("pg_class", "c.oid")}
            FROM rel c JOIN pg_index x ON x.indexrelid = c.oid
            UNION ALL
            -- prokind is PostgreSQL 11+; aggregates have no pg_get_functiondef, so their signature stands alone.
            SELECT {Line(
                "CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END",
                "format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))",
                Attribute("definition", "CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END"))}, {Describes("pg_proc", "p.oid")}
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE {InScope(scope, "pg_proc", "p.oid")} AND {NotExtensionMember("pg_proc", "p.oid")}
              AND NOT (n.nspname = {schema} AND p.proname = {Literal(auditTable + History.HistoryNames.AppendOnlySuffix)})
            UNION ALL
            SELECT {Line("'trigger'", "c.ident || '.' || quote_ident(g.tgname)",
                Attribute("definition", "pg_get_triggerdef(g.oid)"),
                Attribute("enabled", "CASE g.tgenabled WHEN 'O' THEN 'yes' WHEN 'D' THEN 'no' WHEN 'R' THEN 'replica' WHEN 'A' THEN 'always' END"))}, {Describes("pg_trigger", "g.oid")}
            FROM pg_trigger g JOIN rel c ON c.oid = g.tgrelid WHERE NOT g.tgisinternal
            UNION ALL
            SELECT {Line(
                "CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' ELSE 'range' END",
                "t.ident",
                Attribute("labels", "(SELECT array_agg(l.enumlabel ORDER BY l.enumsortorder)::text FROM pg_enum l WHERE l.enumtypid = t.oid)"),
                Attribute("type", "CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END"),
                Attribute("not_null", "CASE WHEN t.typnotnull THEN 'yes' END"),
                Attribute("default", "t.typdefault"),
                Attribute("subtype", "(SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid)"))}, {Describes("pg_type", "t.oid")}
            FROM typ t WHERE t.typtype IN ('e', 'd', 'r')
            UNION ALL
            SELECT {Line("'policy'", "c.ident || '.' || quote_ident(o.polname)",
                Attribute("command", "CASE o.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update' WHEN 'd' THEN 'delete' ELSE 'all' END"),
                Attribute("permissive", "CASE WHEN NOT o.polpermissive THEN 'no' END"),
                Attribute("roles", "(SELECT string_agg(r.name, ',' ORDER BY r.name COLLATE \"C\") FROM (SELECT CASE WHEN u.role = 0 THEN 'public' ELSE quote_ident(pg_get_userbyid(u.role)) END AS name FROM unnest(o.polroles) AS u(role)) r)"),
                Attribute("using", "pg_get_expr(o.polqual, o.polrelid)"),
                Attribute("check", "pg_get_expr(o.polwithcheck, o.polrelid)"))}, {Describes("pg_policy", "o.oid")}
            FROM pg_policy o JOIN rel c ON c.oid = o.polrelid
            UNION ALL
            -- An extension by name and version only: its members are its own business.
            SELECT {Line("'extension'", "quote_ident(x.extname)",
                Attribute("version", "x.extversion"),
                Attribute("schema", "(SELECT quote_ident(xn.nspname) FROM pg_namespace xn WHERE xn.oid = x.extnamespace)"))},
                NULL::oid, NULL::oid, NULL::int4
            FROM pg_extension x{(scope is null ? "" : $" JOIN pg_namespace xs ON xs.oid = x.extnamespace WHERE {UserSchema(scope, "xs")}")}
            """;
}

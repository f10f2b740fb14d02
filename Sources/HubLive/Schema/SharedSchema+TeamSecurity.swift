/// Who may do what in the team's PostgreSQL (docs/team.md, "Deployment"). The database says
/// who an agent is: `session_user`, the role they logged in as, is the audit actor and the
/// owner of their operations; no client-side string is trusted.
///
/// - `audit_log` is append-only for agents: they insert rows whose actor is themselves (a row
///   with another actor violates the policy) and read the team's whole log.
/// - `pending_operation` rows belong to the agent who began them: an agent reads and inserts
///   only their own, and changes one only through `partnerhub_settle_operation`, a SECURITY
///   DEFINER function that settles the caller's own operation and no one else's.
/// - `team_interest` rows are each agent's own to write; everyone (the poller) reads them all.
///
/// The table owner (the role that ran `partnerhub team init`) is not subject to these
/// policies, which is how a single-role setup keeps working. Grants to the group roles
/// `partnerhub_agent` and `partnerhub_poller` are made by `team init` (TeamSecurity).
extension SharedSchema {
    static let teamSecurity = SchemaMigration(id: "team-2", backends: [.postgres], steps: [
        .addColumn(table: "pending_operation", .init("agent", .text, notNull: true, default: "session_user")),
        .sql("UPDATE pending_operation p SET agent = a.actor FROM audit_log a WHERE a.seq = p.audit_seq"),
        .sql("ALTER TABLE audit_log ALTER COLUMN actor SET DEFAULT session_user"),
        .sql("ALTER TABLE team_interest ALTER COLUMN agent SET DEFAULT session_user"),

        .sql("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY"),
        .sql("CREATE POLICY audit_read ON audit_log FOR SELECT USING (true)"),
        .sql("CREATE POLICY audit_own_insert ON audit_log FOR INSERT WITH CHECK (actor = session_user)"),

        .sql("ALTER TABLE pending_operation ENABLE ROW LEVEL SECURITY"),
        .sql("CREATE POLICY operation_own_read ON pending_operation FOR SELECT USING (agent = session_user)"),
        .sql("CREATE POLICY operation_own_insert ON pending_operation FOR INSERT WITH CHECK (agent = session_user)"),

        .sql("ALTER TABLE team_interest ENABLE ROW LEVEL SECURITY"),
        .sql("CREATE POLICY interest_read ON team_interest FOR SELECT USING (true)"),
        .sql("CREATE POLICY interest_own_insert ON team_interest FOR INSERT WITH CHECK (agent = session_user)"),
        .sql("CREATE POLICY interest_own_update ON team_interest FOR UPDATE USING (agent = session_user) WITH CHECK (agent = session_user)"),
        .sql("CREATE POLICY interest_own_delete ON team_interest FOR DELETE USING (agent = session_user)"),

        // Settles (or sends again) the caller's own operation, and writes its result into the
        // audit row it began with. Anyone else's key is refused (SQLSTATE 42501).
        .sql("""
            CREATE FUNCTION partnerhub_settle_operation(p_key text, p_state text, p_result text, p_at double precision, p_audit_seq bigint DEFAULT NULL)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE v_seq bigint;
            BEGIN
              UPDATE pending_operation SET state = p_state, result = p_result, updated_at = p_at, audit_seq = COALESCE(p_audit_seq, audit_seq)
               WHERE idempotency_key = p_key AND agent = session_user RETURNING audit_seq INTO v_seq;
              IF NOT FOUND THEN
                RAISE EXCEPTION 'operation % is not yours to settle: only the agent who began it can', p_key USING ERRCODE = '42501';
              END IF;
              IF p_result IS NOT NULL THEN
                UPDATE audit_log SET result = p_result WHERE seq = v_seq;
              END IF;
            END $$
            """),
        .sql("REVOKE ALL ON FUNCTION partnerhub_settle_operation(text, text, text, double precision, bigint) FROM PUBLIC"),
        // Who holds a target, for the second agent's "already under way: ana started it at …"
        // (their own read of pending_operation shows only their rows).
        .sql("""
            CREATE FUNCTION partnerhub_operation_holder(p_connection text, p_kind text, p_target text)
            RETURNS TABLE(actor text, created_at double precision) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
              SELECT p.agent, p.created_at FROM pending_operation p
               WHERE p.connection = p_connection AND p.kind = p_kind AND p.target = p_target AND p.state IN ('sending', 'unknown')
            $$
            """),
        .sql("REVOKE ALL ON FUNCTION partnerhub_operation_holder(text, text, text) FROM PUBLIC"),
    ])
}

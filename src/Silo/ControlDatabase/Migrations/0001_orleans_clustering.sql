-- Orleans ADO.NET clustering (silo membership) on PostgreSQL.
--
-- The provider (Microsoft.Orleans.Clustering.AdoNet) reads named SQL texts from the OrleansQuery table
-- and runs them with @-named parameters; it reads results by column name. That contract is all it
-- relies on, so the tables below are our own (snake_case, cascading delete); the query texts alias
-- columns back to the names the provider reads. Each conditional write returns one value, > 0 on
-- success and 0 on failure, and a failure leaves nothing changed.

-- Shared by every Orleans ADO.NET provider (clustering, persistence, reminders). The provider issues
-- "SELECT QueryKey, QueryText FROM OrleansQuery", so this name is fixed.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- One row per cluster (Orleans calls it the deployment): the membership table's version, bumped by
-- every membership change so that concurrent writers detect each other (optimistic concurrency).
CREATE TABLE orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port and generation identify it).
CREATE TABLE orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    -- "silo,time|silo,time": who suspects this silo and since when, in Orleans' own format.
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- The two write functions below bump the version and change the silo row, both or neither. The
-- version row is updated first: its row lock serialises concurrent membership writers, and a stale
-- expected version fails before anything else. If the silo row part then fails, the function raises
-- SQLSTATE WO001 (class WO is unused by PostgreSQL), and the handler returns 0: the block's implicit
-- savepoint has undone the version bump. (A plain exception, not ASSERT, because assertions can be
-- switched off with plpgsql.check_asserts.)

CREATE FUNCTION warden_orleans_insert_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql AS
$fn$
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_expected_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'silo row already present' USING ERRCODE = 'WO001';
    END IF;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'WO001' THEN
    RETURN 0;
END
$fn$;

CREATE FUNCTION warden_orleans_update_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql AS
$fn$
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_expected_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'silo row missing' USING ERRCODE = 'WO001';
    END IF;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'WO001' THEN
    RETURN 0;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created
$q$),

('InsertMembershipKey', $q$
    SELECT warden_orleans_insert_member(
        p_deployment_id => @DeploymentId, p_address => @Address, p_port => @Port, p_generation => @Generation,
        p_silo_name => @SiloName, p_host_name => @HostName, p_status => @Status, p_proxy_port => @ProxyPort,
        p_start_time => @StartTime, p_i_am_alive_time => @IAmAliveTime, p_expected_version => @Version)
$q$),

('UpdateMembershipKey', $q$
    SELECT warden_orleans_update_member(
        p_deployment_id => @DeploymentId, p_address => @Address, p_port => @Port, p_generation => @Generation,
        p_status => @Status, p_suspect_times => @SuspectTimes, p_i_am_alive_time => @IAmAliveTime,
        p_expected_version => @Version)
$q$),

-- Heartbeat: deliberately not versioned (Orleans does not check its outcome).
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership
       SET i_am_alive_time = @IAmAliveTime
     WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- The version row comes back even when the silo has no row yet (left join), so Orleans learns the version.
('MembershipReadRowKey', $q$
    SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
           m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
           m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m
        ON m.deployment_id = v.deployment_id
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
     WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
    SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
           m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
           m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
     WHERE v.deployment_id = @DeploymentId
$q$),

-- Silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Gateways clients may use: active silos (Status = @Status, which Orleans sets to Active) with a gateway port.
('GatewaysQueryKey', $q$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
      FROM orleans_membership
     WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Removes rows of silos declared dead (status 6) that stopped heartbeating before the cut-off;
-- live or merely suspected silos are never removed.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
     WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
$q$);

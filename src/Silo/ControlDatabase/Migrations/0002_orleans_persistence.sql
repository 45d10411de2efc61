-- Orleans ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet) on PostgreSQL.
--
-- The provider identifies a grain's state by service id, grain type (string and hash) and grain key
-- (two 64-bit halves plus an optional string extension, with a hash of the whole), and passes all of
-- them to every query. The version is an optimistic-concurrency counter: a write or clear names the
-- version it read (NULL for state never written) and fails, by returning NULL, if it has moved on.

CREATE TABLE orleans_grain_state
(
    service_id                text        NOT NULL,
    grain_type_hash           integer     NOT NULL,
    grain_type_string         text        NOT NULL,
    grain_id_hash             integer     NOT NULL,
    grain_id_n0               bigint      NOT NULL,
    grain_id_n1               bigint      NOT NULL,
    -- '' when the key has no extension, so the key can be part of the primary key.
    grain_id_extension_string text        NOT NULL DEFAULT '',
    -- NULL after a clear: the row (and its version) stays, the state is gone.
    payload_binary            bytea       NULL,
    version                   integer     NOT NULL,
    modified_at               timestamptz NOT NULL DEFAULT now(),
    -- The hashes lead so lookups narrow quickly before comparing the strings.
    PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_extension_string)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- No row: never written (Orleans then creates a default state). A NULL payload: cleared.
('ReadFromStorageKey', $q$
    SELECT payload_binary AS "PayloadBinary", version AS "Version"
      FROM orleans_grain_state
     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
       AND grain_type_string = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND grain_id_extension_string = coalesce(@GrainIdExtensionString, '')
$q$),

-- Exactly one of the two branches can act: update when a version is expected, insert when none is.
-- Always one row back: the new version, or NULL when the expected version did not match.
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleans_grain_state
           SET payload_binary = @PayloadBinary, version = version + 1, modified_at = now()
         WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
           AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
           AND grain_type_string = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
           AND grain_id_extension_string = coalesce(@GrainIdExtensionString, '')
        RETURNING version),
    inserted AS (
        INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_type_string, grain_id_hash,
                                         grain_id_n0, grain_id_n1, grain_id_extension_string, payload_binary, version)
        SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash,
               @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @PayloadBinary, 1
         WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version)
    SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS "NewGrainStateVersion"
$q$),

-- Keeps the row and bumps the version, so a stale writer still loses after a clear.
('ClearStorageKey', $q$
    WITH cleared AS (
        UPDATE orleans_grain_state
           SET payload_binary = NULL, version = version + 1, modified_at = now()
         WHERE version = @GrainStateVersion
           AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
           AND grain_type_string = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
           AND grain_id_extension_string = coalesce(@GrainIdExtensionString, '')
        RETURNING version)
    SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion"
$q$),

-- Used instead of ClearStorageKey when the provider is configured with DeleteStateOnClear.
('DeleteStorageKey', $q$
    WITH deleted AS (
        DELETE FROM orleans_grain_state
         WHERE version = @GrainStateVersion
           AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
           AND grain_type_string = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
           AND grain_id_extension_string = coalesce(@GrainIdExtensionString, '')
        RETURNING version)
    SELECT (SELECT version + 1 FROM deleted) AS "NewGrainStateVersion"
$q$);

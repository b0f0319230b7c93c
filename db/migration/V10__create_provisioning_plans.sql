-- What a dry run of provisionVoiceNumbersJob (job parameter dryRun=true) found it would do now, one row per due
-- tenant (README "Guardrails"): the rung a real search offered it a number from, or why it would not order. Nothing
-- else is written by a dry run, and nothing is bought.
CREATE TABLE IF NOT EXISTS provisioning_plans (
    job_execution_id BIGINT      NOT NULL,
    tenant_id        TEXT        NOT NULL,
    action           TEXT        NOT NULL CHECK (action IN ('would-order', 'would-follow', 'would-stop',
                                                          'would-fail', 'no-number')),
    tier             TEXT,
    area_code        TEXT,
    reason           TEXT,
    planned_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job_execution_id, tenant_id)
);

-- The Telnyx account's request budget, shared by every process and job (README "One Telnyx budget for the account").
-- One row per account: the theoretical arrival time of the next request (GCRA). Every call reserves its slot with
-- one INSERT ... ON CONFLICT DO UPDATE on the database's clock, and a 429's x-ratelimit-reset pushes the row
-- forward, so a 429 seen by one process pauses all of them. Nothing is held: a killed process leaks no permit.
CREATE TABLE IF NOT EXISTS telnyx_request_budgets (
    account TEXT        PRIMARY KEY,
    tat     TIMESTAMPTZ NOT NULL
);

-- Orders placed per UTC day by every process of this deployment (README "Guardrails"): one statement takes one of
-- the day's orders before each order call, so the per-day ceiling holds across pods and runs. A taken order whose call
-- then failed still counts: the ceiling errs on the side of spending less.
CREATE TABLE IF NOT EXISTS number_orders_daily (
    day    DATE    PRIMARY KEY,
    orders INTEGER NOT NULL CHECK (orders >= 0)
);

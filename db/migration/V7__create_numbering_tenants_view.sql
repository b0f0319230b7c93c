-- Where this service reads a tenant's id, phone, state and whether it is active: by default the columns of tenants.
-- Ops redefine the view (CREATE OR REPLACE VIEW) when the application keeps them under other names or in other
-- tables; the service checks its shape before every job. A view ops created before the first launch is kept.
-- See README "Adopting an existing database". (V6 belongs to the alerts work.)
DO $$
BEGIN
    IF to_regclass('numbering_tenants') IS NULL THEN
        CREATE VIEW numbering_tenants AS SELECT id, phone, state, active FROM tenants;
    END IF;
END
$$;

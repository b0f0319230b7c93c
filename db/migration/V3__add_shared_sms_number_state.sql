-- What buying and checking the shared SMS number needs, beside the PRD's three columns (V2): the same crash-safe
-- intent/order states as a tenant's voice number, the 10DLC campaign assignment, and the last drift repaired.
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_status TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_customer_reference TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_order_id TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_reference_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_tier TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_campaign_status TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_campaign_id TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_campaign_checked_at TIMESTAMPTZ;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_profile_drift TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_profile_repaired_at TIMESTAMPTZ;

ALTER TABLE system_config DROP CONSTRAINT IF EXISTS system_config_telnyx_sms_status_check;
ALTER TABLE system_config ADD CONSTRAINT system_config_telnyx_sms_status_check
    CHECK (telnyx_sms_status IN ('available', 'ordered', 'active'));
ALTER TABLE system_config DROP CONSTRAINT IF EXISTS system_config_telnyx_sms_number_e164_check;
ALTER TABLE system_config ADD CONSTRAINT system_config_telnyx_sms_number_e164_check
    CHECK (telnyx_sms_number ~ '^\+1[2-9][0-9]{9}$');

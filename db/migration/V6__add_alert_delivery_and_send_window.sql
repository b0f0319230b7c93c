-- Client alerts you can trust: what became of a sent alert (Telnyx's final status), the destinations the shared
-- number may text, a hold when carriers refuse the number itself, and one send window per sender number shared by
-- every dispatcher process (pacing and the daily segment budget hold across concurrent runs).

-- 'sent' means Telnyx queued it; delivery_status is what the carrier made of it (GET /v2/messages/{id}):
-- NULL until learnt; queued / sending / sent while in flight; delivered, delivery_failed, sending_failed,
-- delivery_unconfirmed, expired when final; not_found when Telnyx no longer has it (its retention is 10 days).
ALTER TABLE client_alerts ADD COLUMN IF NOT EXISTS delivery_status TEXT;
ALTER TABLE client_alerts ADD COLUMN IF NOT EXISTS delivery_error_code TEXT;
ALTER TABLE client_alerts ADD COLUMN IF NOT EXISTS delivery_error_reason TEXT;
ALTER TABLE client_alerts ADD COLUMN IF NOT EXISTS delivery_checked_at TIMESTAMPTZ;
ALTER TABLE client_alerts ADD COLUMN IF NOT EXISTS delivery_next_check_at TIMESTAMPTZ;
ALTER TABLE client_alerts ADD COLUMN IF NOT EXISTS delivery_final_at TIMESTAMPTZ;
ALTER TABLE client_alerts DROP CONSTRAINT IF EXISTS client_alerts_delivery_status_check;
ALTER TABLE client_alerts ADD CONSTRAINT client_alerts_delivery_status_check
    CHECK (delivery_status IN ('queued', 'sending', 'sent', 'delivered', 'delivery_failed', 'sending_failed',
                               'delivery_unconfirmed', 'expired', 'not_found'));
-- Alerts sent before this migration are checked too (Telnyx still has the last 10 days of them).
UPDATE client_alerts SET delivery_next_check_at = sent_at
WHERE status = 'sent' AND delivery_final_at IS NULL AND delivery_next_check_at IS NULL;
-- The delivery check's query: sent alerts whose final status is not known yet, due for a look.
CREATE INDEX IF NOT EXISTS client_alerts_delivery_due_idx ON client_alerts (delivery_next_check_at)
    WHERE status = 'sent' AND delivery_final_at IS NULL;

-- Where the shared number may send (ISO 3166 alpha-2), as setupSharedSmsNumberJob put them on the messaging
-- profile; and a hold put by the delivery check when carriers refuse the number itself (10DLC), cleared by
-- setupSharedSmsNumberJob once the campaign is assigned again.
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_allowed_destinations TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_hold_reason TEXT;
ALTER TABLE system_config ADD COLUMN IF NOT EXISTS telnyx_sms_held_at TIMESTAMPTZ;

-- One row per sender number: the next free send slot and the segments used on the current UTC day. Every send
-- reserves both in one statement, so dispatchers in any number of processes together keep the number's rate and cap.
CREATE TABLE IF NOT EXISTS sms_send_windows (
    sender        TEXT        PRIMARY KEY,
    next_slot     TIMESTAMPTZ NOT NULL,
    day           DATE        NOT NULL,
    segments_used BIGINT      NOT NULL DEFAULT 0 CHECK (segments_used >= 0)
);

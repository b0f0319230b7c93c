package com.numbering.config;

import com.numbering.telnyx.TelnyxProperties;

/**
 * For the jobs that put tenant numbers on the voice connection (provisioning, reconciliation): without its id they
 * cannot do their work, so they refuse to start rather than fail every tenant.
 */
public final class VoiceConnectionRequired implements LaunchCheck {

    private final String jobName;

    private final TelnyxProperties telnyx;

    public VoiceConnectionRequired(String jobName, TelnyxProperties telnyx) {
        this.jobName = jobName;
        this.telnyx = telnyx;
    }

    @Override
    public void check(String jobName) {
        String connection = this.telnyx.voiceConnectionId();
        if (this.jobName.equals(jobName) && (connection == null || connection.isBlank())) {
            throw new InvalidConfigurationException("numbering.telnyx.voice-connection-id is empty: set "
                    + "TELNYX_VOICE_CONNECTION_ID to the id of the SIP connection or Call Control application that "
                    + "tenant numbers must ring on (Mission Control > Voice); " + jobName + " needs it.");
        }
    }

}

package com.numbering.config;

/**
 * Configuration that cannot work. The message names the setting and says how to fix it; the process exits with
 * 78 (EX_CONFIG, README "Exit codes") before any work is done.
 */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }

}

package com.numbering.launch;

/**
 * Configuration that cannot work. The message names the setting and says how to fix it; the process exits with
 * {@link ExitCodes#CONFIGURATION} before any work is done.
 */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }

}

package com.numbering.config;

/**
 * A check run before a job starts, while nothing has been done yet. Throws {@link InvalidConfigurationException}
 * with a message that says how to fix the configuration.
 */
@FunctionalInterface
public interface LaunchCheck {

    void check(String jobName);

}

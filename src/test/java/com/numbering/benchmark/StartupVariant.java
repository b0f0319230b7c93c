package com.numbering.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a pod starts the application: which JVM, with which options, from which directory and jar.
 *
 * @param command everything before the application's own arguments
 */
record StartupVariant(String name, Path directory, List<String> command) {

    static StartupVariant of(String name, Path java, Path directory, List<String> jvmOptions, String jar) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        return new StartupVariant(name, directory, List.copyOf(command));
    }

}

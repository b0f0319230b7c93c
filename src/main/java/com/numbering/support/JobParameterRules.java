package com.numbering.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

import com.numbering.privacy.Redaction;

/**
 * The parameters a job accepts, each with the form of its value. A launch with a key the job does not know (a typo
 * such as {@code dryrun}), a blank value or a malformed one is refused before anything runs, with a message that
 * names the key and the accepted ones: a typo must never widen what a run does. Every job also accepts
 * {@value #REASON} (a note that makes an ops rerun a fresh run of its own, docs/operations.md "Ops: reruns") and
 * {@value #RUN_AT}, which the launch adds to every run it starts.
 */
public final class JobParameterRules implements JobParametersValidator {

    /** The identifying parameter the launch adds to each run it starts: the instant it started it. */
    public static final String RUN_AT = "run.at";

    /** Why ops launched this run ({@code reason=manual}): it changes nothing but makes the run an ad-hoc one. */
    public static final String REASON = "reason";

    /** The form a parameter's value must have. */
    public enum Form {

        /** {@code true} or {@code false}, in any case. */
        BOOLEAN("true or false", Pattern.compile("(?i)true|false")),
        /** A tenant key: an integer, a UUID or a short text key, without spaces. */
        ID("an id (letters, digits, '-', '_', '.' or ':', at most 64)", Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")),
        /** Printable text, at most 200 characters. */
        TEXT("printable text, at most 200 characters", Pattern.compile("[\\p{Print}]{1,200}")),
        /** A word without spaces, at most 64 characters (the launch's run key). */
        TOKEN("a word without spaces, at most 64 characters", Pattern.compile("\\S{1,64}"));

        private final String description;

        private final Pattern pattern;

        Form(String description, Pattern pattern) {
            this.description = description;
            this.pattern = pattern;
        }

    }

    private final String job;

    private final Map<String, Form> accepted;

    private JobParameterRules(String job, Map<String, Form> accepted) {
        this.job = job;
        this.accepted = new LinkedHashMap<>(accepted);
        this.accepted.put(REASON, Form.TEXT);
        this.accepted.put(RUN_AT, Form.TOKEN);
    }

    /** A job that accepts no parameter of its own. */
    public static JobParameterRules none(String job) {
        return new JobParameterRules(job, Map.of());
    }

    public static JobParameterRules of(String job, String key, Form form) {
        return new JobParameterRules(job, Map.of(key, form));
    }

    public static JobParameterRules of(String job, String key, Form form, String otherKey, Form otherForm) {
        return new JobParameterRules(job, Map.of(key, form, otherKey, otherForm));
    }

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        if (parameters == null) {
            return;
        }
        for (JobParameter<?> parameter : parameters.parameters()) {
            Form form = this.accepted.get(parameter.name());
            if (form == null) {
                throw refused("unknown job parameter '" + parameter.name() + "'");
            }
            String value = parameter.value() == null ? "" : String.valueOf(parameter.value());
            if (value.isBlank()) {
                throw refused("job parameter '" + parameter.name() + "' is blank; it must be " + form.description);
            }
            if (!form.pattern.matcher(value).matches()) {
                throw refused("job parameter '" + parameter.name() + "' must be " + form.description + ", not '"
                        + Redaction.echo(value) + "'");
            }
        }
    }

    private InvalidJobParametersException refused(String what) {
        return new InvalidJobParametersException(this.job + ": " + what + ". It accepts "
                + String.join(", ", ownKeys())
                + "; nothing was done.");
    }

    private Iterable<String> ownKeys() {
        return this.accepted.keySet().stream().filter(key -> !RUN_AT.equals(key)).sorted().toList();
    }

}

package com.numbering.numbers;

import java.util.regex.Pattern;

/**
 * The customer references this deployment puts on its orders, and how it recognises them: {@code tenant-<id>-<n>}
 * and {@code shared-sms-<n>}, behind the deployment marker when one is configured ({@code prod/tenant-42-3}). A number
 * whose reference is not one of these was not bought by this deployment: never adopted as one of its tenants', never
 * released. References written before a marker was set (no marker) are still this deployment's.
 */
public final class CustomerReferences {

    /** What a marker may be: short, and safe inside a reference and a regular expression. */
    public static final String MARKER = "[a-z0-9][a-z0-9_.-]{0,31}";

    private final String prefix;

    private final Pattern tenantReference;

    /** @param deployment the marker, or empty for none (today's references) */
    public CustomerReferences(String deployment) {
        if (!deployment.isEmpty() && !deployment.matches(MARKER)) {
            throw new IllegalArgumentException("numbering.orders.deployment must match " + MARKER + ", not "
                    + deployment);
        }
        this.prefix = deployment.isEmpty() ? "" : deployment + "/";
        this.tenantReference = Pattern.compile(optionalPrefix() + "tenant-(.+)-(\\d{1,9})");
    }

    public String tenant(String tenantId, int seq) {
        return this.prefix + "tenant-" + tenantId + "-" + seq;
    }

    public String sharedSms(int seq) {
        return this.prefix + "shared-sms-" + seq;
    }

    /** One of this deployment's tenant references; group 1 is the tenant id, group 2 the attempt. */
    public Pattern tenantReference() {
        return this.tenantReference;
    }

    /** The same for PostgreSQL ({@code customer_reference ~ ?}): any reference this deployment gives. */
    public String ownedRegex() {
        return "^" + optionalPrefix() + "(tenant-[^\\s]+-[0-9]+|shared-sms-[0-9]+)$";
    }

    private String optionalPrefix() {
        return this.prefix.isEmpty() ? "" : "(?:" + this.prefix.replace(".", "\\.") + ")?";
    }

}

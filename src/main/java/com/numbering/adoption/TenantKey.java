package com.numbering.adoption;

import java.sql.Types;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.SqlParameterValue;

/**
 * The key of the application's {@code tenants} table, whatever its type (smallint, integer, bigint, uuid, text,
 * varchar). The service treats a tenant id as an opaque string: read with {@code getString}, written back with
 * {@link #value(String)}, which lets PostgreSQL give it the type of the column it meets (so indexes still apply).
 */
public final class TenantKey {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

    private static final Pattern UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String typeName;

    private final String sqlType;

    private final Integer maxLength;

    /**
     * @param typeName PostgreSQL's name of the key's type ({@code int8}, {@code uuid}, {@code varchar}, …)
     * @param sqlType the type as DDL spells it ({@code bigint}, {@code character varying(64)}, …)
     * @param maxLength a varchar key's length limit, else null
     */
    public TenantKey(String typeName, String sqlType, Integer maxLength) {
        this.typeName = typeName;
        this.sqlType = sqlType;
        this.maxLength = maxLength;
    }

    /** A tenant id as a bind parameter: untyped, so that PostgreSQL reads it as the column's type. */
    public static SqlParameterValue value(String tenantId) {
        return new SqlParameterValue(Types.OTHER, tenantId);
    }

    /** The type as DDL spells it, e.g. {@code uuid} or {@code character varying(64)}. */
    public String sqlType() {
        return this.sqlType;
    }

    /** Whether {@code candidate} (say, parsed from a customer reference) can be a value of this key at all. */
    public boolean accepts(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        return switch (this.typeName) {
            case "int2" -> fits(candidate, Short.MIN_VALUE, Short.MAX_VALUE);
            case "int4" -> fits(candidate, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "int8" -> fits(candidate, Long.MIN_VALUE, Long.MAX_VALUE);
            case "uuid" -> UUID.matcher(candidate).matches();
            default -> this.maxLength == null || candidate.length() <= this.maxLength;
        };
    }

    private static boolean fits(String candidate, long min, long max) {
        if (!INTEGER.matcher(candidate).matches()) {
            return false;
        }
        try {
            long value = Long.parseLong(candidate);
            return value >= min && value <= max;
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return this.sqlType;
    }

}

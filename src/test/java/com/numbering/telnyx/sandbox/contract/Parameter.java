package com.numbering.telnyx.sandbox.contract;

/** One declared parameter of an operation, its {@code $ref} already followed. */
record Parameter(String name, String in, boolean required, String style, SchemaNode schema) {

    boolean isDeepObject() {
        return "deepObject".equals(style);
    }
}

package com.numbering.adoption;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.numbering.TestDatabases;

/** One application database per test class, made (and fingerprinted) once, before the application starts. */
final class AdoptedDatabase {

    private final AppSchema schema;

    private String url;

    private String fingerprintBefore;

    AdoptedDatabase(AppSchema schema) {
        this.schema = schema;
    }

    AppSchema schema() {
        return this.schema;
    }

    synchronized String url() {
        if (this.url == null) {
            this.url = this.schema.create();
            this.fingerprintBefore = this.schema.fingerprint(TestDatabases.jdbc(this.url));
        }
        return this.url;
    }

    synchronized String fingerprintBefore() {
        url();
        return this.fingerprintBefore;
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
    }

}

package com.numbering.adoption;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An application whose tenants are keyed by a TEXT slug (with dashes, like a UUID's). */
class TextKeyedTenantsJobTests extends AdoptedTenantsJobTests {

    private static final AdoptedDatabase DATABASE = new AdoptedDatabase(AppSchema.keyedBy("id TEXT PRIMARY KEY",
            "'golden-gate'", "'tax-help'", "'bare-co'", "'closed-cafe'"));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Override
    AdoptedDatabase database() {
        return DATABASE;
    }

}

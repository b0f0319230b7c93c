package com.numbering.adoption;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An application whose tenants are keyed by a SERIAL (INTEGER) key. */
class IntegerKeyedTenantsJobTests extends AdoptedTenantsJobTests {

    private static final AdoptedDatabase DATABASE = new AdoptedDatabase(AppSchema.keyedBy(
            "id SERIAL PRIMARY KEY", null, null, null, null));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Override
    AdoptedDatabase database() {
        return DATABASE;
    }

}

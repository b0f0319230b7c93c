package com.numbering.adoption;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An application whose tenants are keyed by a BIGINT identity (the service's own layout, adopted). */
class BigintKeyedTenantsJobTests extends AdoptedTenantsJobTests {

    private static final AdoptedDatabase DATABASE = new AdoptedDatabase(AppSchema.keyedBy(
            "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", null, null, null, null));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Override
    AdoptedDatabase database() {
        return DATABASE;
    }

}

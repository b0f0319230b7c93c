package com.numbering.adoption;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An application whose tenants are keyed by a UUID, as many are. */
class UuidKeyedTenantsJobTests extends AdoptedTenantsJobTests {

    private static final AdoptedDatabase DATABASE = new AdoptedDatabase(AppSchema.keyedBy(
            "id UUID PRIMARY KEY DEFAULT gen_random_uuid()", null, null, null, null));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Override
    AdoptedDatabase database() {
        return DATABASE;
    }

}

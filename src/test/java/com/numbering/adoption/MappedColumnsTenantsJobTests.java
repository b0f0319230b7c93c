package com.numbering.adoption;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An application that keeps the phone in {@code phone_number}, "active" as {@code status = 'live'} and the state in
 * an {@code addresses} table, mapped by the {@code numbering_tenants} view as docs/adoption.md says.
 */
class MappedColumnsTenantsJobTests extends AdoptedTenantsJobTests {

    private static final AdoptedDatabase DATABASE = new AdoptedDatabase(AppSchema.mapped());

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Override
    AdoptedDatabase database() {
        return DATABASE;
    }

}

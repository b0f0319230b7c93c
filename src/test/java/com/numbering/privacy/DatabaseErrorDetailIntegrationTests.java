package com.numbering.privacy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import com.numbering.LocalModeTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * PostgreSQL's error detail quotes the row ({@code Key (telnyx_voice_number)=(+1415…) already exists}): the
 * application's connections ask for it to be left out, so that no exception, log line or Spring Batch exit message
 * carries a phone number.
 */
@LocalModeTest
class DatabaseErrorDetailIntegrationTests {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aConstraintViolationNamesTheConstraintButNotTheRow() {
        // given
        String insert = "INSERT INTO tenants (name, state, telnyx_voice_number) VALUES (?, 'CA', ?)";
        this.jdbc.update(insert, "Detail A", "+14155559871");

        // when
        DataIntegrityViolationException refused = catchThrowableOfType(DataIntegrityViolationException.class,
                () -> this.jdbc.update(insert, "Detail B", "+14155559871"));

        // then
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("tenants_telnyx_voice_number_uq").doesNotContain("5559871");
        this.jdbc.update("DELETE FROM tenants WHERE telnyx_voice_number = '+14155559871'");
    }

}

package com.numbering;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application against the embedded PostgreSQL and the in-process Telnyx simulator over real HTTP.
 * Every test class using it shares one context (one database, one simulator): tests create their own data.
 * After each test, every request and response the simulator saw must conform to Telnyx's OpenAPI subset.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "numbering.launch.enabled=false", "numbering.local.embedded-database=true",
        "numbering.local.simulator=true", "numbering.telnyx.requests-per-second=500",
        "numbering.telnyx.max-attempts=3", "numbering.provisioning.order-poll-interval=20ms",
        "numbering.provisioning.order-poll-timeout=2s", "numbering.provisioning.batch-size=10",
        "numbering.provisioning.unknown-outcome-delay=0s", "numbering.provisioning.retry-backoff=0s",
        "numbering.sms.area-code=415", "numbering.sms.public-base-url=https://alerts.example.test",
        "numbering.sms.order-poll-interval=20ms", "numbering.alerts.messages-per-second=20",
        "numbering.alerts.max-attempts=3", "numbering.alerts.retry-backoff=1s", "logging.level.com.numbering=WARN" })
@ExtendWith(ContractConformance.class)
public @interface LocalModeTest {

}

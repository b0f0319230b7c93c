package com.numbering.numbers;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.numbering.support.RunThreads;
import com.numbering.telnyx.TelnyxGateway;
import com.numbering.telnyx.TelnyxGateway.InventoryPage;
import com.numbering.telnyx.TelnyxGateway.OwnedNumber;

import static org.assertj.core.api.Assertions.assertThat;

/** One listing of the newest numbers answers every order in flight, and never from a listing older than the look. */
class RecentPurchasesTests {

    private final List<OwnedNumber> account = new CopyOnWriteArrayList<>();

    private final AtomicInteger listings = new AtomicInteger();

    private volatile long listingTakesMillis;

    private final CountDownLatch listingStarted = new CountDownLatch(1);

    private final RecentPurchases recent = new RecentPurchases(gateway());

    @Test
    void aLookIsAnsweredByAListingAskedForAfterItsMoment() {
        own("+13125550001", "purchase-pending");
        long first = RecentPurchases.now();
        assertThat(this.recent.look("+13125550001", first)).map(OwnedNumber::status).contains("purchase-pending");

        // the number settles; a look from before the last listing is answered by it, without a call
        this.account.set(0, number("+13125550001", "active"));
        assertThat(this.recent.look("+13125550001", first)).map(OwnedNumber::status).contains("purchase-pending");
        assertThat(this.listings).hasValue(1);

        // a look from now asks again, and sees the change
        assertThat(this.recent.look("+13125550001", RecentPurchases.now())).map(OwnedNumber::status)
            .contains("active");
        assertThat(this.listings).hasValue(2);
    }

    @Test
    void aNumberNotOnTheNewestPageIsNotAnsweredForSoItsFollowerLooksItUpItself() {
        own("+13125550002", "active");
        for (int i = 0; i < RecentPurchases.PAGE_SIZE; i++) {
            own("+1312556" + String.format("%04d", i), "active");
        }
        assertThat(this.recent.look("+13125550002", RecentPurchases.now())).isEmpty();
        assertThat(this.recent.look("+13125560000", RecentPurchases.now())).isPresent();
    }

    @Test
    void followersThatArriveDuringAListingShareTheNextOne() throws Exception {
        for (int i = 0; i < 8; i++) {
            own("+1312557000" + i, "active");
        }
        this.listingTakesMillis = 300;
        ExecutorService followers = RunThreads.fixedPool("follower", 8, false);
        try {
            // one follower starts a slow listing; seven more look while it is under way
            Future<Optional<OwnedNumber>> first = followers
                .submit(() -> this.recent.look("+13125570000", RecentPurchases.now()));
            assertThat(this.listingStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Optional<OwnedNumber>>> others = new ArrayList<>();
            for (int i = 1; i < 8; i++) {
                String number = "+1312557000" + i;
                long moment = RecentPurchases.now();
                others.add(followers.submit(() -> this.recent.look(number, moment)));
            }
            assertThat(first.get()).isPresent();
            for (Future<Optional<OwnedNumber>> other : others) {
                assertThat(other.get()).isPresent();
            }
        }
        finally {
            followers.shutdownNow();
        }
        // the first listing was asked for before the seven looked, so it cannot answer them: one more serves all seven
        assertThat(this.listings).hasValue(2);
    }

    private void own(String e164, String status) {
        this.account.add(0, number(e164, status));
    }

    private static OwnedNumber number(String e164, String status) {
        return new OwnedNumber("id-" + e164, e164, status, "local", "conn", null, null, List.of());
    }

    /** The newest numbers first, as {@code GET /phone_numbers} lists them; nothing else is called. */
    private TelnyxGateway gateway() {
        return (TelnyxGateway) Proxy.newProxyInstance(TelnyxGateway.class.getClassLoader(),
                new Class<?>[] { TelnyxGateway.class }, (proxy, method, args) -> {
                    if (!method.getName().equals("listInventory")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    this.listings.incrementAndGet();
                    this.listingStarted.countDown();
                    List<OwnedNumber> page = List.copyOf(this.account
                        .subList(0, Math.min((int) args[1], this.account.size())));
                    TimeUnit.MILLISECONDS.sleep(this.listingTakesMillis);
                    return new InventoryPage(page, 1, 1, this.account.size());
                });
    }

}

/**
 * A stateful local Telnyx API v2 ({@link com.numbering.telnyx.sandbox.TelnyxSimulator}) for demo mode, tests and
 * staging. Behaviour follows Telnyx's public documentation (https://developers.telnyx.com); responses follow the
 * official OpenAPI subset in {@code src/test/resources/telnyx}. Where Telnyx documents nothing, the simulator picks
 * the answer a careful client must survive:
 * <ul>
 * <li><b>Rate limit</b>: a token bucket ({@code requestsPerSecond}, capacity {@code burst}) per simulator.
 * {@code x-ratelimit-limit} = capacity, {@code x-ratelimit-remaining} = whole tokens left,
 * {@code x-ratelimit-reset} = whole seconds (rounded up) until the next request would be admitted: 0 while tokens
 * remain, at least 1 when none do and on every 429. 429 bodies carry code 10011; no {@code Retry-After}.</li>
 * <li><b>Search</b>: default {@code filter[limit]} 10, capped at 100. Best-effort fill (other NPAs, flagged
 * {@code best_effort:true}, counted in {@code meta.best_effort_results}) happens when the area code or state has
 * too few numbers and {@code filter[best_effort]} is true <em>or absent</em>; never when it is false. Without
 * {@code filter[phone_number_type]}, toll-free numbers come first in the fill and in unrestricted searches.
 * Unknown filters, {@code filter[locality]} and {@code filter[rate_center]} are ignored. "Recently searched"
 * never expires.</li>
 * <li><b>Orders</b>: rejected synchronously and whole with HTTP 422 (85004, 85005, 85000, 85001, in that order of
 * checks), never as a per-number {@code failure}. An order's {@code customer_reference} is copied to its numbers
 * unless switched off. {@code filter[phone_numbers.phone_number]} on the order list is ignored, as an unknown
 * filter would be.</li>
 * <li><b>Phone numbers</b>: listed newest first (the spec's default), so a purchase during paging shifts later
 * pages. Deleted numbers leave the account and go on hold in the search pool. {@code phone_number_type} is
 * {@code local}, which SDK 2.8.0 cannot parse without {@code READ_UNKNOWN_ENUM_VALUES_AS_NULL}.</li>
 * <li><b>Dropped exchanges</b>: the request is processed, then the socket is closed before any status line
 * ({@code dropAfterProcessing}) or after a silent stall ({@code stallAfterProcessing}). The observer sees the
 * request but no response; the ledger marks it {@code dropped}.</li>
 * </ul>
 */
package com.numbering.telnyx.sandbox;

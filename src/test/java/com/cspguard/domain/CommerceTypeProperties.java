package com.cspguard.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written GUID check says what the contract's pattern says, for every string. */
class CommerceTypeProperties {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Provide
    Arbitrary<String> offerIds() {
        Arbitrary<String> guids = Arbitraries.create(UUID::randomUUID).map(UUID::toString);
        return Arbitraries.oneOf(
                guids,
                guids.map(String::toUpperCase),
                // a GUID with one character replaced: a dash moved, a letter beyond f, a non-ASCII digit
                Arbitraries.integers().between(0, 35).flatMap(i -> Arbitraries.of('-', 'g', 'G', 'z', '0', 'F', '\u0663', '\uff10')
                        .flatMap(c -> guids.map(g -> g.substring(0, i) + c + g.substring(i + 1)))),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFgG-").ofMinLength(30).ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("CFQ7TTC0LH18:0001", "O:1", ""));
    }

    @Property(tries = 3000)
    void aGuidIsWhatThePatternMatches(@ForAll("offerIds") String offerId) {
        assertThat(CommerceType.isGuid(offerId)).isEqualTo(GUID.matcher(offerId).matches());
        assertThat(CommerceType.derive(null, offerId))
                .isEqualTo(GUID.matcher(offerId).matches() ? CommerceType.LEGACY : CommerceType.NEW_COMMERCE);
    }

    @Example
    void bothOutcomesAreGenerated() {
        assertThat(CommerceType.isGuid("031c9e47-4802-4248-838e-778fb1d2cc05")).isTrue();
        assertThat(CommerceType.isGuid("031c9e47-4802-4248-838e-778fb1d2cc0g")).isFalse();
        assertThat(CommerceType.isGuid("031c9e47-4802-4248-838e-778fb1d2cc05 ")).isFalse();
        assertThat(CommerceType.isGuid("031c9e47-4802-4248-838e-778fb1d2cc0\uff10")).isFalse();
    }
}

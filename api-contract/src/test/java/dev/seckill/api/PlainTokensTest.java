package dev.seckill.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTokensTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Z9", "user-42", "ops.admin", "key_1", "tenant:user", "0123456789.-_:"})
    void acceptsPlainTokens(String token) {
        assertThat(PlainTokens.isValid(token)).as(token).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"white space", "tab\there", "line\nbreak", "a/b", "a{b}", "a*", "a+b", "a=b", "ü", "é", "٣"})
    void refusesAnythingElse(String token) {
        assertThat(PlainTokens.isValid(token)).as(String.valueOf(token)).isFalse();
    }

    @Test
    void takesUpToSixtyFourCharacters() {
        assertThat(PlainTokens.isValid("k".repeat(64))).isTrue();
        assertThat(PlainTokens.isValid("k".repeat(65))).isFalse();
        assertThat(PlainTokens.RULE).isEqualTo("must be 1 to 64 letters, digits or . _ : -");
    }
}

package com.cspguard.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FormatLocaleTest {
    private Locale format;
    private Locale display;

    @BeforeEach
    void remember() {
        format = Locale.getDefault(Locale.Category.FORMAT);
        display = Locale.getDefault(Locale.Category.DISPLAY);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(Locale.Category.FORMAT, format);
        Locale.setDefault(Locale.Category.DISPLAY, display);
    }

    @Test
    void numbersAreFormattedAsInTheUsWhateverTheHostsLocale() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
        assertThat(String.format("%,d and %.1f", 1234567, 2.5)).isEqualTo("1.234.567 and 2,5");

        Locale replaced = FormatLocale.apply();

        assertThat(replaced).isEqualTo(Locale.GERMANY);
        assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.US);
        assertThat(String.format("%,d and %.1f", 1234567, 2.5)).isEqualTo("1,234,567 and 2.5");
    }

    @Test
    void whatTheHostDisplaysIsLeftAlone() {
        Locale.setDefault(Locale.Category.DISPLAY, Locale.GERMANY);

        FormatLocale.apply();

        assertThat(Locale.getDefault(Locale.Category.DISPLAY)).isEqualTo(Locale.GERMANY);
    }
}

package com.cspguard.topology.facts;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Store values written before ByteWriter were written by DataOutputStream: the two must give the
 * same bytes, and ByteReader must read them back as DataInputStream does.
 */
class ByteWriterProperties {

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(60),
                Arbitraries.strings().all().ofMaxLength(40), // every char, surrogates and '\0' included
                Arbitraries.strings().withChars("aé€\u0000\ud83d\ude00|-").ofMaxLength(30));
    }

    @Property(tries = 2000)
    void writesWhatDataOutputStreamWrites(@ForAll("texts") String text, @ForAll int i, @ForAll long l,
                                          @ForAll byte b, @ForAll boolean flag) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeUTF(text);
            out.writeInt(i);
            out.writeLong(l);
            out.writeByte(b);
            out.writeBoolean(flag);
            out.writeUTF(text);
        }
        ByteWriter writer = new ByteWriter(4); // small, so growing is exercised
        writer.writeUTF(text);
        writer.writeInt(i);
        writer.writeLong(l);
        writer.writeByte(b);
        writer.writeBoolean(flag);
        writer.writeUTF(text);
        assertThat(writer.toByteArray()).isEqualTo(expected.toByteArray());

        ByteReader reader = new ByteReader(expected.toByteArray());
        assertThat(reader.readUTF()).isEqualTo(text);
        assertThat(reader.readInt()).isEqualTo(i);
        assertThat(reader.readLong()).isEqualTo(l);
        assertThat(reader.readByte()).isEqualTo(b);
        assertThat(reader.readBoolean()).isEqualTo(flag);
        assertThat(reader.readUTF()).isEqualTo(new DataInputStream(new ByteArrayInputStream(expected.toByteArray())).readUTF());
    }

    @Example
    void aTruncatedValueIsAnEndOfFileNotAnIndexError() {
        ByteWriter writer = new ByteWriter(8);
        writer.writeUTF("sub-1");
        writer.writeLong(42);
        byte[] bytes = writer.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        ByteReader reader = new ByteReader(cut);
        assertThatThrownBy(() -> {
            reader.readUTF();
            reader.readLong();
        }).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new ByteReader(new byte[] {0, 9, 'a'}).readUTF()).isInstanceOf(EOFException.class);
    }

    @Example
    void aStringTooLongForTheLayoutIsRefused() {
        String tooLong = "é".repeat(40_000); // 80,000 bytes in modified UTF-8
        assertThatThrownBy(() -> new ByteWriter(16).writeUTF(tooLong)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("too long");
    }
}

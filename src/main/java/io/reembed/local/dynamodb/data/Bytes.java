package io.reembed.local.dynamodb.data;

import java.util.Arrays;
import java.util.Base64;

/** A binary value: compared and ordered byte by byte, unsigned, as DynamoDB orders B keys. */
public final class Bytes implements Comparable<Bytes> {

    private final byte[] data;

    public Bytes(byte[] data) {
        this.data = data.clone();
    }

    public int length() {
        return data.length;
    }

    public byte[] toArray() {
        return data.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(data);
    }

    public boolean startsWith(Bytes prefix) {
        return prefix.data.length <= data.length
                && Arrays.equals(data, 0, prefix.data.length, prefix.data, 0, prefix.data.length);
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(data, other.data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes bytes && Arrays.equals(data, bytes.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return base64();
    }
}

package io.reembed.local.dynamodb.data;

import java.math.BigDecimal;

/** DynamoDB's number rules: up to 38 significant digits, magnitudes from 1E-130 to below 1E+126. */
public final class Numbers {

    private static final BigDecimal LARGEST = new BigDecimal("1E+126");
    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");

    private Numbers() {
    }

    /** Parses a number as DynamoDB accepts it, or refuses it with DynamoDB's words. */
    public static BigDecimal parse(String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw DynamoDbException.validation("A value provided cannot be converted into a number");
        }
        return check(normalise(number));
    }

    public static BigDecimal check(BigDecimal number) {
        if (number.signum() == 0) {
            return number;
        }
        if (number.precision() > 38) {
            throw DynamoDbException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal magnitude = number.abs();
        if (magnitude.compareTo(LARGEST) >= 0) {
            throw DynamoDbException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (magnitude.compareTo(SMALLEST) < 0) {
            throw DynamoDbException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return number;
    }

    /** Trailing zeros dropped, so that 1.50 and 1.5 are one number and read back as 1.5. */
    public static BigDecimal normalise(BigDecimal number) {
        return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
    }

    /** One byte per two significant digits, plus one. */
    static long size(BigDecimal number) {
        return (number.precision() + 1) / 2 + 1;
    }
}

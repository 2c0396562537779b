package io.reembed.estimate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts in US dollars: cents for what is a dollar or more, four places below (a few tasks cost fractions of a cent). */
final class Money {

    private Money() {
    }

    static String usd(double amount) {
        int places = amount >= 1 ? 2 : 4;
        return "$" + BigDecimal.valueOf(amount).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}

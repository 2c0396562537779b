package io.reembed.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void oneIsSingularEverythingElsePlural() {
        assertEquals("1 item", Words.count(1, "item"));
        assertEquals("0 items", Words.count(0, "item"));
        assertEquals("2 tasks", Words.count(2, "task"));
        assertEquals("3 copies", Words.count(3, "copy", "copies"));
    }
}

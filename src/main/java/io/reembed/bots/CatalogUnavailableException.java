package io.reembed.bots;

/** The bot list could not be read; the message says why in words an operator can act on. */
public class CatalogUnavailableException extends RuntimeException {

    public CatalogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

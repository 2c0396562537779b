package io.reembed.notify.channels;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where a webhook may post: https only, to a name that resolves to public addresses. A private,
 * loopback, link-local (the instance metadata service, 169.254.169.254) or otherwise internal address
 * is refused unless allowed, so that a webhook URL cannot be used to reach the console's own network.
 * The demo may post to its own receiver on the loopback, over http.
 */
public final class WebhookTarget {

    private final boolean allowPrivate;
    private final boolean demo;

    public WebhookTarget(boolean allowPrivate, boolean demo) {
        this.allowPrivate = allowPrivate;
        this.demo = demo;
    }

    /** Why this URL is refused, if it is; a name that does not resolve now is {@link Unresolved}, worth another try. */
    public Optional<String> problem(URI url) throws Unresolved {
        String host = url.getHost();
        if (host == null || url.getScheme() == null) {
            return Optional.of("the webhook URL " + url + " has no scheme or host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Unresolved("the name " + host + " does not resolve");
        }
        boolean loopback = addresses.length > 0 && java.util.Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        if (!url.getScheme().equals("https") && !(demo && loopback)) {
            return Optional.of("the webhook URL must be https, not " + url.getScheme());
        }
        if (allowPrivate || (demo && loopback)) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of(host + " resolves to " + address.getHostAddress()
                        + ", a private, loopback, link-local or metadata address; refused unless reembed.notify.webhook-allow-private=true");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // Unique local addresses (fc00::/7), where the EC2 metadata service's IPv6 address (fd00:ec2::254) lies.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        // Carrier-grade NAT (100.64.0.0/10) and the benchmark range (198.18.0.0/15) are not the internet either.
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19));
    }

    /** The host name did not resolve: perhaps a DNS failure that clears. */
    public static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message);
        }
    }
}

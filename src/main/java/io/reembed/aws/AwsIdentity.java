package io.reembed.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Who the console acts as: the account and principal STS GetCallerIdentity names. Asked when a page
 * first needs it (the demo's STS answers on the console's own port, so not before it listens) and
 * kept; when the call fails the pages say "could not check" and it is asked again a minute later,
 * never an error page.
 */
@ApplicationScoped
public class AwsIdentity {

    private static final Logger LOG = Logger.getLogger(AwsIdentity.class);
    private static final Duration ASK_AGAIN = Duration.ofMinutes(1);

    /** What is known: the identity, or why it is not. */
    public record Known(String account, String arn, String problem, Instant at) {

        public boolean checked() {
            return problem == null;
        }
    }

    private final StsClient sts;
    private final Clock clock;
    private volatile Known known;

    public AwsIdentity(StsClient sts, Clock clock) {
        this.sts = sts;
        this.clock = clock;
    }

    public Known get() {
        Known current = known;
        Instant now = clock.instant();
        if (current != null && (current.checked() || now.isBefore(current.at().plus(ASK_AGAIN)))) {
            return current;
        }
        try {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            known = new Known(identity.account(), identity.arn(), null, now);
            LOG.infof("Acting in AWS account %s as %s", identity.account(), identity.arn());
        } catch (SdkException e) {
            known = new Known(null, null, e.getMessage(), now);
            LOG.warnf("Could not check the AWS identity (STS GetCallerIdentity): %s", e.getMessage());
        }
        return known;
    }

    /** For the audit trail and logs: "account 123456789012 as arn:aws:iam::…" or "account not checked". */
    public String label() {
        Known current = get();
        return current.checked() ? "account " + current.account() + " as " + current.arn()
                : "account not checked (" + current.problem() + ")";
    }
}

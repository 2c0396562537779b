package io.reembed.local.aws;

import io.reembed.local.DemoAccount;

/** STS GetCallerIdentity: the demo operator of the demo account. */
final class StsEmulator {

    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    String answer(String action, String requestId) {
        if (!"GetCallerIdentity".equals(action)) {
            throw new QueryError(400, "InvalidAction", "This emulator answers GetCallerIdentity only.");
        }
        return new Xml().open("GetCallerIdentityResponse", NAMESPACE).open("GetCallerIdentityResult")
                .element("Arn", DemoAccount.ARN).element("UserId", "AIDADEMOOPERATOR0000")
                .element("Account", DemoAccount.ACCOUNT).close("GetCallerIdentityResult")
                .open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                .close("GetCallerIdentityResponse").toString();
    }
}

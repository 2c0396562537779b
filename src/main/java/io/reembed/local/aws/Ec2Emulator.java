package io.reembed.local.aws;

import java.util.List;

import io.vertx.core.MultiMap;
import io.reembed.local.DemoAccount;

/** EC2 DescribeSubnets and DescribeSecurityGroups by id, in EC2's own query dialect. */
final class Ec2Emulator {

    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final DemoAccount account;

    Ec2Emulator(DemoAccount account) {
        this.account = account;
    }

    String answer(String action, MultiMap form, String requestId) {
        return switch (action == null ? "" : action) {
            case "DescribeSubnets" -> subnets(QueryEmulatorRoute.list(form, "SubnetId"), requestId);
            case "DescribeSecurityGroups" -> securityGroups(QueryEmulatorRoute.list(form, "GroupId"), requestId);
            default -> throw new QueryError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }

    private String subnets(List<String> ids, String requestId) {
        for (String id : ids) {
            if (!account.subnetExists(id)) {
                throw new QueryError(400, "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
        }
        Xml xml = new Xml().open("DescribeSubnetsResponse", NAMESPACE).element("requestId", requestId).open("subnetSet");
        account.subnets().stream().filter(subnet -> ids.isEmpty() || ids.contains(subnet.id()))
                .forEach(subnet -> xml.open("item").element("subnetId", subnet.id()).element("state", "available")
                        .element("vpcId", subnet.vpc()).element("cidrBlock", subnet.cidr())
                        .element("availableIpAddressCount", 16379).element("availabilityZone", subnet.zone())
                        .element("mapPublicIpOnLaunch", subnet.isPublic()).element("ownerId", DemoAccount.ACCOUNT)
                        .close("item"));
        return xml.close("subnetSet").close("DescribeSubnetsResponse").toString();
    }

    private String securityGroups(List<String> ids, String requestId) {
        for (String id : ids) {
            if (!account.securityGroupExists(id)) {
                throw new QueryError(400, "InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
        }
        Xml xml = new Xml().open("DescribeSecurityGroupsResponse", NAMESPACE).element("requestId", requestId)
                .open("securityGroupInfo");
        account.securityGroups().stream().filter(group -> ids.isEmpty() || ids.contains(group.id()))
                .forEach(group -> xml.open("item").element("ownerId", DemoAccount.ACCOUNT).element("groupId", group.id())
                        .element("groupName", group.name()).element("groupDescription", group.description())
                        .element("vpcId", group.vpc()).close("item"));
        return xml.close("securityGroupInfo").close("DescribeSecurityGroupsResponse").toString();
    }
}

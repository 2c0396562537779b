package io.reembed.restore;

import java.util.List;
import java.util.Locale;

/**
 * The snapshot-and-DMS path as steps, each with the AWS CLI commands it takes, filled in with the
 * region and names derived from the stack; what the console cannot know (the old cluster's
 * identifier) stays a placeholder the first step finds.
 */
public record RestorePlan(String region, String stackName, List<Step> steps) {

    /** One step: what to do, why, and the commands (possibly none). */
    public record Step(String title, String why, List<String> commands) {
    }

    static RestorePlan of(String region, String stackName) {
        String prefix = stackName.toLowerCase(Locale.ROOT);
        String snapshot = prefix + "-before-aurora-replacement";
        String temporary = prefix + "-restored-tmp";
        String r = " --region " + region;
        return new RestorePlan(region, stackName, List.of(
                new Step("Find the current Aurora cluster and its credentials, before deploying",
                        "The upgrade replaces the cluster; its identifier and the secret that holds its password are needed to "
                                + "restore it and to connect DMS to the copy.",
                        List.of("aws rds describe-db-clusters" + r + " --query \"DBClusters[?starts_with(DBClusterIdentifier, '"
                                + prefix + "')].[DBClusterIdentifier,EngineVersion,MasterUserSecret.SecretArn]\" --output table")),
                new Step("Take a manual snapshot of it",
                        "A manual snapshot outlives the cluster; automated ones go with it.",
                        List.of("aws rds create-db-cluster-snapshot" + r + " --db-cluster-identifier <old-cluster-id> "
                                + "--db-cluster-snapshot-identifier " + snapshot,
                                "aws rds wait db-cluster-snapshot-available" + r + " --db-cluster-snapshot-identifier "
                                        + snapshot)),
                new Step("Deploy the upgrade (npx cdk deploy)",
                        "The stack creates the new, empty cluster. Bots edited from now on are embedded into it by the "
                                + "stack's own trigger.",
                        List.of()),
                new Step("Restore the snapshot to a temporary cluster beside the new one",
                        "In the new cluster's VPC, subnet group and security group, so that DMS reaches both.",
                        List.of("aws rds describe-db-clusters" + r + " --query \"DBClusters[?starts_with(DBClusterIdentifier, '"
                                + prefix + "')].[DBClusterIdentifier,DBSubnetGroup,VpcSecurityGroups[0].VpcSecurityGroupId]\" "
                                + "--output table",
                                "aws rds restore-db-cluster-from-snapshot" + r + " --db-cluster-identifier " + temporary
                                        + " --snapshot-identifier " + snapshot + " --engine aurora-postgresql "
                                        + "--db-subnet-group-name <new-cluster-subnet-group> --vpc-security-group-ids "
                                        + "<new-cluster-security-group>",
                                "aws rds create-db-instance" + r + " --db-instance-identifier " + temporary + "-1 "
                                        + "--db-cluster-identifier " + temporary + " --engine aurora-postgresql "
                                        + "--db-instance-class db.r6g.large",
                                "aws rds wait db-instance-available" + r + " --db-instance-identifier " + temporary + "-1")),
                new Step("Copy the data with a DMS homogeneous migration",
                        "Homogeneous migration uses PostgreSQL's own logical replication, so both ends must be PostgreSQL "
                                + "(they are), the source needs rds.logical_replication = 1 in its cluster parameter group "
                                + "(then a reboot), and the pgvector columns travel as PostgreSQL data. The upgrade guide "
                                + "warns that DMS did not support pgvector natively (as of 29 May 2024): the classic "
                                + "replication tasks are not the way; homogeneous migration is.",
                        List.of("aws dms create-data-provider" + r + " # one for the temporary cluster, one for the new: engine "
                                + "aurora-postgresql",
                                "aws dms create-instance-profile" + r + " # in the stack's VPC and private subnets",
                                "aws dms create-migration-project" + r + " # source: the temporary cluster, target: the new "
                                        + "cluster, credentials from the secrets found in the first step",
                                "aws dms create-data-migration" + r + " --data-migration-type full-load # then "
                                        + "aws dms start-data-migration")),
                new Step("Check, then re-embed what changed after the snapshot",
                        "Bots edited between the snapshot and the deploy have their new knowledge in neither copy: "
                                + "re-embed them here (filter the bot list by last use, or pick them).",
                        List.of()),
                new Step("Delete the temporary cluster and the DMS resources",
                        "They cost by the hour until deleted.",
                        List.of("aws rds delete-db-instance" + r + " --db-instance-identifier " + temporary + "-1",
                                "aws rds delete-db-cluster" + r + " --db-cluster-identifier " + temporary
                                        + " --skip-final-snapshot"))));
    }
}

import { testKafka, waitFor } from '@cityloop/testing';
import { AssignerProtocol, type Admin } from 'kafkajs';

/** The consumer groups whose names start with `prefix` (a test stack's). */
export const groupsOf = async (admin: Admin, prefix: string): Promise<string[]> =>
  (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));

/**
 * How far the consumer groups whose names start with `prefix` are behind, in messages, summed over
 * every partition of every topic they read (a partition never committed counts from its start, as
 * the consumers subscribe from the beginning).
 */
export async function consumerLag(prefix: string): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const groups = await groupsOf(admin, prefix);
    let lag = 0;
    for (const groupId of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = new Map(
          (await admin.fetchTopicOffsets(topic)).map((p) => [
            p.partition,
            { low: Number(p.low), high: Number(p.high) },
          ]),
        );
        for (const { partition, offset } of partitions) {
          const end = ends.get(partition)!;
          const committed = Number(offset) < 0 ? end.low : Number(offset);
          lag += Math.max(0, end.high - committed);
        }
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Moves every consumer group starting with `prefix` back to the earliest offset of its topics,
 * once the broker sees no member left in it (their consumers stopped).
 */
export async function resetGroupsToEarliest(prefix: string, timeoutMs = 60_000): Promise<string[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const groups = await groupsOf(admin, prefix);
    await waitFor(
      async () => (await admin.describeGroups(groups)).groups.filter((g) => g.state !== 'Empty').length,
      (busy) => busy === 0,
      { what: `the groups of ${prefix} empty`, timeoutMs, intervalMs: 500 },
    );
    for (const groupId of groups) {
      for (const { topic } of await admin.fetchOffsets({ groupId })) {
        await admin.resetOffsets({ groupId, topic, earliest: true });
      }
    }
    return groups;
  } finally {
    await admin.disconnect();
  }
}

/** A consumer group as the broker sees it: its state and each member's partitions by topic. */
export interface GroupAssignment {
  groupId: string;
  state: string;
  members: { memberId: string; partitions: Record<string, number[]> }[];
}

/** The groups whose names start with `prefix`, with the partitions each member was given. */
export async function groupAssignments(prefix: string): Promise<GroupAssignment[]> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups(await groupsOf(admin, prefix));
    return groups.map((g) => ({
      groupId: g.groupId,
      state: g.state,
      members: g.members.map((m) => ({
        memberId: m.memberId,
        partitions: AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {},
      })),
    }));
  } finally {
    await admin.disconnect();
  }
}

/** How many partitions a member holds, over all topics. */
export const partitionCount = (member: GroupAssignment['members'][number]): number =>
  Object.values(member.partitions).reduce((n, p) => n + p.length, 0);

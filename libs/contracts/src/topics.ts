/** Each service publishes its own events to its own topic, keyed by case id (docs/ARCHITECTURE.md). */
export const SERVICES = ['intake', 'dispatch', 'disposal', 'verification', 'projections'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The services that own an event stream and publish it. Projections only reads. */
export const PUBLISHING_SERVICES = ['intake', 'dispatch', 'disposal', 'verification'] as const;
export type PublishingService = (typeof PUBLISHING_SERVICES)[number];

export const eventTopic = (service: PublishingService): string => `cityloop.${service}.events`;
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export const TOPICS = {
  intake: eventTopic('intake'),
  dispatch: eventTopic('dispatch'),
  disposal: eventTopic('disposal'),
  verification: eventTopic('verification'),
} as const satisfies Record<PublishingService, string>;

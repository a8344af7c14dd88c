import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';
import { consumerInboxMigration } from '@cityloop/messaging';
import { Checks1764000000500 } from './1764000000500-checks';

export const verificationMigrations = (schema: string): MigrationClass[] => [
  eventStoreMigration(schema),
  consumerInboxMigration(schema),
  Checks1764000000500,
];

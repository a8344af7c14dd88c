import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';
import { consumerInboxMigration } from '@cityloop/messaging';
import { Checks1764000000500 } from './1764000000500-checks';
import { ChecksByCase1764000000510 } from './1764000000510-checks-by-case';

export const verificationMigrations = (schema: string): MigrationClass[] => [
  eventStoreMigration(schema),
  consumerInboxMigration(schema),
  Checks1764000000500,
  ChecksByCase1764000000510,
];

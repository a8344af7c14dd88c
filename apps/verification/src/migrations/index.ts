import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';
import { consumerInboxMigration } from '@cityloop/messaging';
import { caseBriefsMigration } from '@cityloop/service-kit';
import { Checks1764000000500 } from './1764000000500-checks';
import { ChecksByCase1764000000510 } from './1764000000510-checks-by-case';
import { ChecksDisposalReport1764000000520 } from './1764000000520-checks-disposal-report';

export const verificationMigrations = (schema: string): MigrationClass[] => [
  eventStoreMigration(schema),
  consumerInboxMigration(schema),
  caseBriefsMigration(schema),
  Checks1764000000500,
  ChecksByCase1764000000510,
  ChecksDisposalReport1764000000520,
];

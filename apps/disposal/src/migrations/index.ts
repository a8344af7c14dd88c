import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';
import { consumerInboxMigration } from '@cityloop/messaging';
import { caseBriefsMigration } from '@cityloop/service-kit';
import { Inbox1764000000400 } from './1764000000400-inbox';
import { Evidence1764000000410 } from './1764000000410-evidence';
import { OrdersByCase1764000000420 } from './1764000000420-orders-by-case';
import { Webhooks1764000000430 } from './1764000000430-webhooks';
import { EvidenceHolders1764000000440 } from './1764000000440-evidence-holders';

export const disposalMigrations = (schema: string): MigrationClass[] => [
  eventStoreMigration(schema),
  consumerInboxMigration(schema),
  caseBriefsMigration(schema),
  Inbox1764000000400,
  Evidence1764000000410,
  OrdersByCase1764000000420,
  Webhooks1764000000430,
  EvidenceHolders1764000000440,
];

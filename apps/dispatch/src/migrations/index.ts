import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';
import { consumerInboxMigration } from '@cityloop/messaging';
import { FiledCases1764000000300 } from './1764000000300-filed-cases';
import { PendingRequests1764000000310 } from './1764000000310-pending-requests';
import { OrderTimers1764000000320 } from './1764000000320-order-timers';

export const dispatchMigrations = (schema: string): MigrationClass[] => [
  eventStoreMigration(schema),
  consumerInboxMigration(schema),
  FiledCases1764000000300,
  PendingRequests1764000000310,
  OrderTimers1764000000320,
];

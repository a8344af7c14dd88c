import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';
import { IntakeSideTables1764000000100 } from './1764000000100-intake-side-tables';
import { FilingQueue1764000000110 } from './1764000000110-filing-queue';

export const intakeMigrations = (schema: string): MigrationClass[] => [
  eventStoreMigration(schema),
  IntakeSideTables1764000000100,
  FilingQueue1764000000110,
];

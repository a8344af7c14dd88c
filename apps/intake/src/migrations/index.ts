import { eventStoreMigration, type MigrationClass } from '@cityloop/event-store';
import { consumerInboxMigration } from '@cityloop/messaging';
import { IntakeSideTables1764000000100 } from './1764000000100-intake-side-tables';
import { FilingQueue1764000000110 } from './1764000000110-filing-queue';
import { OpenCases1764000000120 } from './1764000000120-open-cases';
import { FollowUps1764000000130 } from './1764000000130-follow-ups';
import { CaseProgress1764000000140 } from './1764000000140-case-progress';

export const intakeMigrations = (schema: string): MigrationClass[] => [
  eventStoreMigration(schema),
  IntakeSideTables1764000000100,
  FilingQueue1764000000110,
  consumerInboxMigration(schema),
  OpenCases1764000000120,
  FollowUps1764000000130,
  CaseProgress1764000000140,
];

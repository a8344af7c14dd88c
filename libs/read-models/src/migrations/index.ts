import type { MigrationClass } from '@cityloop/event-store';
import { consumerInboxMigration } from '@cityloop/messaging';
import { CaseReadModel1764000000200 } from './1764000000200-case-read-model';
import { CaseProgress1764000000210 } from './1764000000210-case-progress';
import { CaseRecord1764000000220 } from './1764000000220-case-record';
import { EvaluationRecords1764000000230 } from './1764000000230-evaluation-records';
import { CaseTimeLimit1764000000240 } from './1764000000240-case-time-limit';
import { ReboundPairs1764000000250 } from './1764000000250-rebound-pairs';
import { ReboundUtcTimes1764000000260 } from './1764000000260-rebound-utc-times';
import { MetricSummaries1764000000270 } from './1764000000270-metric-summaries';
import { ReboundFirstMatch1764000000280 } from './1764000000280-rebound-first-match';
import { RebuildSetAsideIndexes1764000000290 } from './1764000000290-rebuild-set-aside-indexes';
import { MetricSummariesLapsed1764000000300 } from './1764000000300-metric-summaries-lapsed';

/** The projections schema: the consumer's inbox and the read models. */
export const projectionsMigrations = (schema: string): MigrationClass[] => [
  consumerInboxMigration(schema),
  CaseReadModel1764000000200,
  CaseProgress1764000000210,
  CaseRecord1764000000220,
  EvaluationRecords1764000000230,
  CaseTimeLimit1764000000240,
  ReboundPairs1764000000250,
  ReboundUtcTimes1764000000260,
  MetricSummaries1764000000270,
  ReboundFirstMatch1764000000280,
  RebuildSetAsideIndexes1764000000290,
  MetricSummariesLapsed1764000000300,
];

import { CASE_REPORTED, CaseReportedV1 } from './case-reported.event';
import type { PublishingService } from './topics';

export interface CatalogueEntry {
  type: string;
  /** Schema versions a consumer of this build understands, each with its payload class. */
  versions: Record<number, new () => object>;
  source: PublishingService;
}

/**
 * Every event type Cityloop publishes. A type not listed here is unknown to every consumer and
 * goes to the dead-letter topic; a listed type a consumer does not handle is skipped.
 */
export const EVENT_CATALOGUE: Record<string, CatalogueEntry> = {
  [CASE_REPORTED]: { type: CASE_REPORTED, versions: { 1: CaseReportedV1 }, source: 'intake' },
};

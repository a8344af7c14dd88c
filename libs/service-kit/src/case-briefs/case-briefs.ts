import { CASE_REPORTED, type CaseEnvelope, type CaseReportedV1 } from '@cityloop/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EventConsumers } from '../event-consumers';
import { SERVICE_CONFIG } from '../tokens';
import type { ServiceConfig } from '../service-config';

/** What a case is about, as its first report told it: what the crew and the patroller go to see. */
export interface CaseBrief {
  categoryCode: string;
  source: string;
  description: string;
  addressText: string | null;
  location: { lat: number; lng: number };
  urgency: string;
  reportedAt: string;
}

interface BriefRow {
  case_id: string;
  category_code: string;
  source: string;
  description: string;
  address_text: string | null;
  lat: number;
  lng: number;
  urgency: string;
  reported_at: Date;
}

/**
 * Case briefs (案情): a service whose people act on a case they did not file (a department's crew,
 * a patroller verifying on site) keeps the first report of each case from intake's CaseReported,
 * so its lists say what and where without a call to intake. The caller's name and phone are not
 * in the event and so never here. Kept by a consumer group of its own, from the topic's start.
 */
@Injectable()
export class CaseBriefs {
  constructor(
    consumers: EventConsumers,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    consumers.register({
      group: `cityloop-${config.service}.case-briefs`,
      from: ['intake'],
      handlers: { [CASE_REPORTED]: (event, manager) => this.keep([event], manager) },
      batchHandler: (events, manager) => this.keep(events, manager),
      // Read when a case reaches this service's people: dispatched, or disposed, seconds later.
      gathered: true,
    });
  }

  /**
   * Keeps the briefs of these reports (CaseReported events, in their order) in one statement,
   * whatever their number: a case's first report wins, later ones and redeliveries add nothing.
   */
  private async keep(events: readonly CaseEnvelope[], manager: EntityManager): Promise<void> {
    if (events.length === 0) return;
    const briefs = (events as readonly CaseEnvelope<CaseReportedV1>[]).map(
      ({ caseId, occurredAt, payload: p }) => ({
        case_id: caseId,
        category_code: p.categoryCode,
        source: p.source,
        description: p.description,
        address_text: p.addressText ?? null,
        lat: p.location.lat,
        lng: p.location.lng,
        urgency: p.urgency ?? 'normal',
        reported_at: occurredAt,
      }),
    );
    await manager.query(
      `INSERT INTO case_briefs (case_id, category_code, source, description, address_text, lat, lng, urgency, reported_at)
       SELECT case_id, category_code, source, description, address_text, lat, lng, urgency, reported_at
         FROM jsonb_populate_recordset(NULL::case_briefs, $1::jsonb) WITH ORDINALITY ORDER BY ordinality
       ON CONFLICT (case_id) DO NOTHING`,
      [JSON.stringify(briefs)],
    );
  }

  /** The briefs of these cases (a case whose report has not arrived yet is missing). */
  async of(caseIds: string[]): Promise<Map<string, CaseBrief>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.dataSource.query<BriefRow[]>(
      'SELECT * FROM case_briefs WHERE case_id = ANY($1::uuid[])',
      [[...new Set(caseIds)]],
    );
    return new Map(
      rows.map((r) => [
        r.case_id,
        {
          categoryCode: r.category_code,
          source: r.source,
          description: r.description,
          addressText: r.address_text,
          location: { lat: r.lat, lng: r.lng },
          urgency: r.urgency,
          reportedAt: r.reported_at.toISOString(),
        },
      ]),
    );
  }
}

import { CASE_REPORTED, type CaseEnvelope, type CaseReportedV1 } from '@cityloop/contracts';
import { eachInTurn } from '@cityloop/messaging';
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
    const handlers = {
      [CASE_REPORTED]: (event: CaseEnvelope, manager: EntityManager) =>
        this.reported(event as CaseEnvelope<CaseReportedV1>, manager),
    };
    consumers.register({
      group: `cityloop-${config.service}.case-briefs`,
      from: ['intake'],
      handlers,
      batchHandler: eachInTurn(handlers),
    });
  }

  private async reported(event: CaseEnvelope<CaseReportedV1>, manager: EntityManager): Promise<void> {
    const p = event.payload;
    await manager.query(
      `INSERT INTO case_briefs (case_id, category_code, source, description, address_text, lat, lng, urgency, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (case_id) DO NOTHING`,
      [
        event.caseId,
        p.categoryCode,
        p.source,
        p.description,
        p.addressText ?? null,
        p.location.lat,
        p.location.lng,
        p.urgency ?? 'normal',
        event.occurredAt,
      ],
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

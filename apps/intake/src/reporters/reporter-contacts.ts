import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ReporterContact {
  name?: string;
  phone?: string;
}

/**
 * Callers' names and phone numbers (personal data). They live only here, in intake's own table,
 * referenced by report id: never in an event, a Kafka record or a log line.
 */
@Injectable()
export class ReporterContacts {
  async save(
    manager: EntityManager,
    reportId: string,
    caseId: string,
    contact: ReporterContact,
  ): Promise<void> {
    if (!contact.name && !contact.phone) return;
    await manager.query(
      'INSERT INTO reporter_contacts (report_id, case_id, name, phone) VALUES ($1, $2, $3, $4)',
      [reportId, caseId, contact.name ?? null, contact.phone ?? null],
    );
  }
}

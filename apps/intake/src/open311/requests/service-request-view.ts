import type { DistrictReference } from '@cityloop/service-kit';
import type { CaseProgressRecord } from '../../case-progress/case-progress.record';
import { w3DateTime } from '../format/w3-datetime';
import type { ServiceCatalogue } from '../services/service-catalogue';
import { open311StatusOf, type Open311Status } from './open311-status';

/** A service request as GET requests answers it (request.json of the spec's schemas). */
export interface Open311ServiceRequest {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

/** A reported case (reportedAt known) as the request it is. */
export type ReportedCase = CaseProgressRecord & { reportedAt: Date; categoryCode: string };

/**
 * A case as an Open311 service request: its id is the case's; open or closed, with the full
 * status of the loop (reported, filed, dispatched, signed, disposed, rework, postponed, reopened,
 * closed, rejected) in status_notes; the department it is dispatched to as the agency responsible;
 * the current order's deadline as the expected time; the time it was closed (or rejected) as its
 * last update once it is.
 */
export function serviceRequestOf(
  progress: ReportedCase,
  catalogue: ServiceCatalogue,
  district: DistrictReference,
): Open311ServiceRequest {
  const at = (instant: Date) => w3DateTime(instant, district.timeZone);
  const category = catalogue.category(progress.categoryCode);
  const endedAt = progress.status === 'rejected' ? progress.rejectedAt : progress.closedAt;
  return {
    service_request_id: progress.caseId,
    status: open311StatusOf(progress.status),
    status_notes: progress.status,
    service_name: category?.name ?? null,
    service_code: progress.categoryCode,
    description: progress.description,
    agency_responsible: progress.departmentId
      ? (district.department(progress.departmentId)?.name ?? progress.departmentId)
      : null,
    service_notice: category ? catalogue.noticeFor(category, progress.urgency) : null,
    requested_datetime: at(progress.reportedAt),
    updated_datetime: at(endedAt ?? progress.updatedAt),
    expected_datetime: progress.deadlineAt ? at(progress.deadlineAt) : null,
    address: progress.addressText,
    address_id: null,
    zipcode: null,
    lat: progress.lat,
    long: progress.lng,
    media_url: null,
  };
}

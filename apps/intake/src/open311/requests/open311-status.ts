export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

/**
 * The case statuses GeoReport v2 calls closed: 结案 (closed after a passed check) and 不予立案/作废
 * (rejected by the duty chief). Every other status, postponed and reopened too, is open.
 */
export const CLOSED_STATUSES: readonly string[] = ['closed', 'rejected'];

export const open311StatusOf = (status: string): Open311Status =>
  CLOSED_STATUSES.includes(status) ? 'closed' : 'open';

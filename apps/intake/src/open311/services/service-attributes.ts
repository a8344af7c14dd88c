import { URGENCIES, type Urgency } from '@cityloop/contracts';

/** A service attribute as GeoReport v2 defines it (GET services/{code}). */
export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** attribute[urgency]: which of the category's time limits applies (紧急 shortens it). */
export const URGENCY_ATTRIBUTE = 'urgency';
/** attribute[onset]: the caller's "since when" (问题发生时间), which time-to-discover counts from. */
export const ONSET_ATTRIBUTE = 'onset';

const URGENCY_NAMES: Record<Urgency, string> = { normal: '普通 (normal)', urgent: '紧急 (urgent)' };

/** The attributes a client may send with every service: the report's urgency and its onset. */
export const REPORT_ATTRIBUTES: Open311Attribute[] = [
  {
    variable: true,
    code: URGENCY_ATTRIBUTE,
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: null,
    order: 2,
    description: 'How urgent is it? Urgent problems get the shorter time limit. Default: normal.',
    values: URGENCIES.map((key) => ({ key, name: URGENCY_NAMES[key] })),
  },
  {
    variable: true,
    code: ONSET_ATTRIBUTE,
    datatype: 'datetime',
    required: false,
    datatype_description: 'A date-time with its zone, e.g. 2026-07-06T08:30:00+08:00',
    order: 3,
    description: 'Since when has the problem been there?',
  },
];

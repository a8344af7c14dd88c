import type { Category } from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import { REPORT_ATTRIBUTES, type Open311Attribute } from './service-attributes';
import { timeLimitText } from './time-limit-text';

/** A service as GET services lists it: one minor category of the district's catalogue. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

const FAMILY_NAMES: Record<string, string> = { component: '部件', event: '事件' };

/**
 * The district's category catalogue (部件/事件 after CJ/T 214) as Open311 services. Every service
 * is realtime (a request is stored when the POST answers, and its id is the case's) and has a
 * definition: its time limit, shown to the user, and the urgency and onset a client may send.
 */
@Injectable()
export class ServiceCatalogue {
  readonly services: Open311Service[];
  private readonly definitions: Map<string, Open311ServiceDefinition>;

  constructor(private readonly district: DistrictReference) {
    const categories = [...district.pack.categories].sort((a, b) => a.code.localeCompare(b.code));
    this.services = categories.map((c) => this.serviceOf(c));
    this.definitions = new Map(categories.map((c) => [c.code, this.definitionOf(c)]));
  }

  definition(code: string): Open311ServiceDefinition | undefined {
    return this.definitions.get(code);
  }

  category(code: string): Category | undefined {
    return this.district.category(code);
  }

  /** What the district undertakes for a request of this service: its time limit after dispatch. */
  noticeFor(category: Category, urgency: string | null): string {
    const limit = urgency === 'urgent' ? category.urgentTimeLimit : category.timeLimit;
    return `To be fixed within ${timeLimitText(limit)} of dispatch to the responsible department.`;
  }

  private serviceOf(category: Category): Open311Service {
    const family = FAMILY_NAMES[category.family] ?? category.family;
    const department = this.district.department(category.defaultDepartmentId);
    return {
      service_code: category.code,
      service_name: category.name,
      description:
        `${category.nameEn}. Handled by ${department?.name ?? category.defaultDepartmentId}` +
        `${department ? ` (${department.nameEn})` : ''}. ${this.noticeFor(category, 'normal')}`,
      metadata: true,
      type: 'realtime',
      keywords: [category.name, category.nameEn, category.majorName, family].join(', '),
      group: `${family}·${category.majorName}`,
    };
  }

  private definitionOf(category: Category): Open311ServiceDefinition {
    return {
      service_code: category.code,
      attributes: [
        {
          variable: false,
          code: 'time_limit',
          datatype: 'text',
          required: false,
          datatype_description: null,
          order: 1,
          description:
            `处置时限 (time limit): ${timeLimitText(category.timeLimit)}, ` +
            `${timeLimitText(category.urgentTimeLimit)} when urgent.`,
        },
        ...REPORT_ATTRIBUTES,
      ],
    };
  }
}

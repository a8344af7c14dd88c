import { addWorkingTime, responsibleDepartment, type TimeLimit } from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';

export interface DispatchPlan {
  departmentId: string;
  deadlineAt: Date;
  timeLimit: TimeLimit;
}

/**
 * Who gets a case and by when: the street's responsibility matrix (else the category's default
 * department), and the category's time limit (the urgent one for urgent reports) counted on the
 * district calendar from the moment of dispatch.
 */
@Injectable()
export class DispatchPlanner {
  constructor(private readonly district: DistrictReference) {}

  plan(
    categoryCode: string,
    streetId: string,
    urgency: string,
    dispatchedAt: Date,
    departmentId?: string,
  ): DispatchPlan {
    const timeLimit = this.district.timeLimit(categoryCode, urgency);
    return {
      departmentId: departmentId ?? responsibleDepartment(this.district.pack, categoryCode, streetId),
      deadlineAt: addWorkingTime(dispatchedAt, timeLimit, this.district.calendar),
      timeLimit,
    };
  }
}

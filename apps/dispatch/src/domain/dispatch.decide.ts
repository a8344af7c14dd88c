import type { TimeLimit } from '@cityloop/domain';
import { CaseAlreadyDispatchedError, CaseNotFiledError } from './dispatch.errors';
import type { DispatchEvent } from './dispatch.events';
import type { DispatchState } from './dispatch.state';

/**
 * 派遣: send a filed case to a department with its deadline. The handler works out the
 * department (responsibility matrix or the dispatcher's choice) and the deadline (district
 * calendar); the decision here is whether the case may be dispatched now.
 */
export interface DispatchCase {
  kind: 'DispatchCase';
  caseId: string;
  orderId: string;
  /** What intake filed (立案); null when dispatch has not heard of the case being filed. */
  filedCase: { categoryCode: string; streetId: string; gridCellCode: string } | null;
  /** Department and deadline; planned only for a filed case. */
  plan: { departmentId: string; deadlineAt: Date; timeLimit: TimeLimit } | null;
  dispatchedAt: Date;
  automatic: boolean;
}

export type DispatchCommand = DispatchCase;

export function decide(command: DispatchCommand, state: DispatchState): DispatchEvent[] {
  const { filedCase, plan } = command;
  if (!filedCase || !plan) throw new CaseNotFiledError(command.caseId);
  if (state.status === 'dispatched') throw new CaseAlreadyDispatchedError(command.caseId, state.departmentId);
  return [
    {
      type: 'CaseDispatched',
      schemaVersion: 1,
      payload: {
        orderId: command.orderId,
        departmentId: plan.departmentId,
        ...filedCase,
        dispatchedAt: command.dispatchedAt.toISOString(),
        deadlineAt: plan.deadlineAt.toISOString(),
        timeLimitAmount: plan.timeLimit.amount,
        timeLimitUnit: plan.timeLimit.unit,
        automatic: command.automatic,
      },
    },
  ];
}

import type { TimeLimit } from '@cityloop/domain';
import {
  CaseAlreadyDispatchedError,
  CaseNotFiledError,
  NoPendingExtensionError,
  NoPendingReturnError,
  PostponementError,
  StaleOrderError,
} from './dispatch.errors';
import { evolve, type DispatchState } from './dispatch.state';
import type { DispatchEvent } from './dispatch.events';

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
  /** Re-handling (重办) after an unsatisfied follow-up: a new order although one was dispatched before. */
  reopened?: boolean;
}

/** The dispatcher's answer to a department's return (退单审核); approving may re-dispatch at once. */
export interface DecideReturn {
  kind: 'DecideReturn';
  caseId: string;
  orderId: string;
  /** Whether disposal's return of this order awaits a decision. */
  pending: boolean;
  approve: boolean;
  reason?: string;
  decidedAt: Date;
  /** With an approval: the re-dispatch to another department. */
  redispatch?: DispatchCase;
}

/** The dispatcher's answer to an extension request (延期审核). */
export interface DecideExtension {
  kind: 'DecideExtension';
  orderId: string;
  requestId: string;
  pending: boolean;
  approve: boolean;
  reason?: string;
  decidedAt: Date;
  /** With an approval: the new deadline. */
  deadlineAt?: Date;
}

/**
 * A durable timer of an order came due: the reminder at 80 % of its time limit, or the escalation
 * (督办) at its deadline. Raised only for the case's current order and at the current deadline (an
 * extension moved the timers); the business time is the threshold itself.
 */
export interface RaiseTimer {
  kind: 'RaiseTimer';
  timer: 'reminder' | 'escalation';
  orderId: string;
  dueAt: Date;
  deadlineAt: Date;
}

/** 缓办: the dispatcher postpones a case that cannot be solved now; the order's clock stops. */
export interface PostponeCase {
  kind: 'PostponeCase';
  caseId: string;
  reason: string;
  at: Date;
}

/** The postponement ends; the handler moves the deadline by the time it lasted. */
export interface ResumeCase {
  kind: 'ResumeCase';
  caseId: string;
  at: Date;
  deadlineAt: Date;
}

export type DispatchCommand =
  DispatchCase | DecideReturn | DecideExtension | RaiseTimer | PostponeCase | ResumeCase;

export function decide(command: DispatchCommand, state: DispatchState): DispatchEvent[] {
  switch (command.kind) {
    case 'DispatchCase':
      return dispatchCase(command, state);
    case 'DecideReturn':
      return decideReturn(command, state);
    case 'DecideExtension':
      return decideExtension(command, state);
    case 'RaiseTimer':
      return raiseTimer(command, state);
    case 'PostponeCase': {
      if (state.status !== 'dispatched')
        throw new PostponementError(command.caseId, 'only a dispatched case can be postponed');
      if (state.postponedAt) throw new PostponementError(command.caseId, 'already postponed');
      const payload = {
        orderId: state.orderId,
        departmentId: state.departmentId,
        postponedAt: command.at.toISOString(),
        reason: command.reason,
      };
      return [{ type: 'CasePostponed', schemaVersion: 1, payload }];
    }
    case 'ResumeCase': {
      if (state.status !== 'dispatched' || !state.postponedAt)
        throw new PostponementError(command.caseId, 'not postponed');
      const payload = {
        orderId: state.orderId,
        departmentId: state.departmentId,
        resumedAt: command.at.toISOString(),
        deadlineAt: command.deadlineAt.toISOString(),
      };
      return [{ type: 'CaseResumed', schemaVersion: 1, payload }];
    }
  }
}

function currentOrder(orderId: string, state: DispatchState) {
  if (state.status !== 'dispatched' || state.orderId !== orderId) throw new StaleOrderError(orderId);
  return state;
}

function decideReturn(command: DecideReturn, state: DispatchState): DispatchEvent[] {
  if (!command.pending) throw new NoPendingReturnError(command.orderId);
  const order = currentOrder(command.orderId, state);
  const decidedAt = command.decidedAt.toISOString();
  const base = { orderId: order.orderId, departmentId: order.departmentId, decidedAt };
  if (!command.approve) {
    return [{ type: 'ReturnRejected', schemaVersion: 1, payload: { ...base, reason: command.reason ?? '' } }];
  }
  const approved: DispatchEvent = {
    type: 'ReturnApproved',
    schemaVersion: 1,
    payload: { ...base, ...(command.reason && { reason: command.reason }) },
  };
  if (!command.redispatch) return [approved];
  return [approved, ...dispatchCase(command.redispatch, evolve(state, approved))];
}

function decideExtension(command: DecideExtension, state: DispatchState): DispatchEvent[] {
  if (!command.pending) throw new NoPendingExtensionError(command.requestId);
  const order = currentOrder(command.orderId, state);
  const base = {
    orderId: order.orderId,
    requestId: command.requestId,
    departmentId: order.departmentId,
    decidedAt: command.decidedAt.toISOString(),
  };
  if (command.approve && command.deadlineAt) {
    return [
      {
        type: 'ExtensionApproved',
        schemaVersion: 1,
        payload: { ...base, deadlineAt: command.deadlineAt.toISOString() },
      },
    ];
  }
  return [{ type: 'ExtensionDenied', schemaVersion: 1, payload: { ...base, reason: command.reason ?? '' } }];
}

function raiseTimer(command: RaiseTimer, state: DispatchState): DispatchEvent[] {
  // A timer of an order that is no longer current, or of a deadline since extended, is spent.
  if (state.status !== 'dispatched' || state.orderId !== command.orderId || state.postponedAt) return [];
  if (state.deadlineAt !== command.deadlineAt.toISOString()) return [];
  const base = { orderId: state.orderId, departmentId: state.departmentId, deadlineAt: state.deadlineAt };
  return command.timer === 'reminder'
    ? [
        {
          type: 'DeadlineReminderRaised',
          schemaVersion: 1,
          payload: { ...base, thresholdAt: command.dueAt.toISOString() },
        },
      ]
    : [{ type: 'OrderEscalated', schemaVersion: 1, payload: base }];
}

function dispatchCase(command: DispatchCase, state: DispatchState): DispatchEvent[] {
  const { filedCase, plan } = command;
  if (!filedCase || !plan) throw new CaseNotFiledError(command.caseId);
  // Undispatched, or back from an accepted return (退单): either way it needs a department.
  if (state.status === 'dispatched' && !command.reopened)
    throw new CaseAlreadyDispatchedError(command.caseId, state.departmentId);
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

import type {
  DisposalReportedV1,
  ExtensionRequestedV1,
  ExtensionRequestClosedV1,
  OrderClosedV1,
  OrderDeadlineExtendedV1,
  OrderDeadlineMovedV1,
  OrderReceivedV1,
  OrderReinstatedV1,
  OrderReturnedV1,
  OrderSentBackForReworkV1,
  OrderSignedV1,
} from '@cityloop/contracts';

/** The events of one order's stream in disposal's store. */
export type OrderEvent =
  | { type: 'OrderReceived'; schemaVersion: 1; payload: OrderReceivedV1 }
  | { type: 'OrderSigned'; schemaVersion: 1; payload: OrderSignedV1 }
  | { type: 'OrderReturned'; schemaVersion: 1; payload: OrderReturnedV1 }
  | { type: 'ExtensionRequested'; schemaVersion: 1; payload: ExtensionRequestedV1 }
  | { type: 'DisposalReported'; schemaVersion: 1; payload: DisposalReportedV1 }
  | { type: 'OrderSentBackForRework'; schemaVersion: 1; payload: OrderSentBackForReworkV1 }
  | { type: 'OrderClosed'; schemaVersion: 1; payload: OrderClosedV1 }
  | { type: 'OrderReinstated'; schemaVersion: 1; payload: OrderReinstatedV1 }
  | { type: 'OrderDeadlineExtended'; schemaVersion: 1; payload: OrderDeadlineExtendedV1 }
  | { type: 'ExtensionRequestClosed'; schemaVersion: 1; payload: ExtensionRequestClosedV1 }
  | { type: 'OrderDeadlineMoved'; schemaVersion: 1; payload: OrderDeadlineMovedV1 };

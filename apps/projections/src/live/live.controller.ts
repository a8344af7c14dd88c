import type { CaseChange } from '@cityloop/read-models';
import { Caller, Roles, type Principal } from '@cityloop/service-kit';
import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { filter, interval, map, merge, takeUntil, type Observable } from 'rxjs';
import { LiveFeed } from './live-feed';

const HEARTBEAT_MS = 15_000;

/** The live stream (Server-Sent Events) of the command centre and the departments' pages. */
@ApiTags('live')
@ApiBearerAuth()
@Controller('live')
export class LiveController {
  constructor(private readonly feed: LiveFeed) {}

  @Sse()
  @Roles('command', 'department')
  @ApiOperation({
    summary:
      'One frame per changed case, after the read model committed it: {type, caseId, status, occurredAt, departmentId, streetId, gridCellCode}. ' +
      'A department hears only its own orders. EventSource may pass the token as ?access_token=.',
  })
  stream(@Caller() caller: Principal): Observable<MessageEvent> {
    const visible = (change: CaseChange) =>
      caller.role !== 'department' || change.departmentId === caller.departmentId;
    return merge(
      this.feed.changes.pipe(
        filter(visible),
        map((change): MessageEvent => ({ data: change })),
      ),
      // A named event that EventSource's onmessage ignores: keeps proxies from closing a quiet stream.
      interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: '' }))),
      // Ends with the process: an open stream must not keep a stopping server from closing.
    ).pipe(takeUntil(this.feed.stopping));
  }
}

import { DomainError } from '@cityloop/domain';
import { currentCorrelationId } from '@cityloop/messaging';
import { actorOf, Caller, DistrictReference, Roles, type Principal } from '@cityloop/service-kit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { LogPatrolCommand, type PatrolLogged } from './log-patrol.command';
import { LogPatrolRequest } from './log-patrol.request';

const ALLOWED_SKEW_MS = 60_000;

@ApiTags('patrols')
@ApiBearerAuth()
@Controller('patrols')
export class PatrolsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly district: DistrictReference,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('patroller', 'importer')
  @ApiOperation({
    summary: 'Log a patrol pass over cells with no such problem seen (bounds the onset of later reports)',
  })
  async log(@Caller() caller: Principal, @Body() body: LogPatrolRequest): Promise<PatrolLogged> {
    const known = new Set(this.district.pack.cells.map((c) => c.code));
    const unknown = body.cellCodes.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw new DomainError(
        'CELL.UNKNOWN',
        `no cells ${unknown.slice(0, 5).join(', ')} in the district`,
        422,
        [{ field: 'cellCodes', problems: ['every code must be a cell of the district'] }],
      );
    }
    const prefix = caller.role === 'patroller' ? (caller.cellPrefix ?? '') : '';
    const outside = body.cellCodes.filter((code) => !code.startsWith(prefix));
    if (outside.length > 0) {
      throw new DomainError(
        'AUTH.FORBIDDEN',
        `cells outside your grid: ${outside.slice(0, 5).join(', ')}`,
        403,
      );
    }
    // A patroller logs passes as they happen, possibly a little after; never in the future.
    const passedAt = body.passedAt ? new Date(body.passedAt) : new Date();
    if (passedAt.getTime() > Date.now() + ALLOWED_SKEW_MS) {
      throw new DomainError('REQUEST.INVALID', 'passedAt is in the future', 400, [
        { field: 'passedAt', problems: ['must not be in the future'] },
      ]);
    }
    return this.commandBus.execute(
      new LogPatrolCommand(body.cellCodes, passedAt, actorOf(caller), currentCorrelationId() ?? randomUUID()),
    );
  }
}

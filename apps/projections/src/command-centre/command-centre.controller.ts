import { Roles } from '@cityloop/service-kit';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MetricsRequest, periodOf } from '../metrics/metrics.request';
import { CommandCentreReadModel } from './command-centre-read-model';

class BoardRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit = 200;
}

/** The command centre's live picture (指挥中心大屏): counters, the board, the map's cells, the trends. */
@ApiTags('command centre')
@ApiBearerAuth()
@Roles('command', 'evaluator', 'chief', 'dispatcher')
@Controller()
export class CommandCentreController {
  constructor(private readonly centre: CommandCentreReadModel) {}

  @Get('overview')
  @ApiOperation({
    summary: "Today's counters: reported today, open, overdue, closed today (district time zone)",
  })
  overview() {
    return this.centre.overview(new Date());
  }

  @Get('board')
  @ApiOperation({
    summary: 'Open orders with their traffic lights, red first, then the most of the limit used',
  })
  async board(@Query() request: BoardRequest) {
    return { items: await this.centre.board(new Date(), request.limit) };
  }

  @Get('metrics/cells')
  @ApiOperation({
    summary: 'Per grid cell: reports and rebounds in the period, open and overdue now (the map)',
  })
  async cells(@Query() request: MetricsRequest) {
    return { items: await this.centre.cells(periodOf(request, this.centre.timeZone), new Date()) };
  }

  @Get('metrics/trend')
  @ApiOperation({ summary: 'Reports and closures per day; time-to-dispose median and p90 per ISO week' })
  trend(@Query() request: MetricsRequest) {
    return this.centre.trend(periodOf(request, this.centre.timeZone));
  }
}

import { DistrictReference, Roles, SERVICE_CONFIG, type ServiceConfig } from '@cityloop/service-kit';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, Matches, Max, Min } from 'class-validator';
import { OpenCases, type DuplicateCandidate } from './open-cases';

export class DuplicateQuery {
  @Matches(/^[A-Za-z0-9.-]{1,32}$/) categoryCode: string;
  @Type(() => Number) @IsNumber() @Min(-90) @Max(90) lat: number;
  @Type(() => Number) @IsNumber() @Min(-180) @Max(180) lng: number;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class DuplicatesController {
  constructor(
    private readonly openCases: OpenCases,
    private readonly district: DistrictReference,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Get('duplicates')
  @Roles('operator', 'patroller', 'chief')
  @ApiOperation({
    summary: 'Open cases a report here would join (same minor category, within the radius), nearest first',
  })
  async candidates(
    @Query() query: DuplicateQuery,
  ): Promise<{ items: DuplicateCandidate[]; radiusMetres: number }> {
    this.district.requireCategory(query.categoryCode);
    this.district.place(query);
    const radiusMetres = this.config.duplicateRadiusMetres;
    return { items: await this.openCases.near(query.categoryCode, query, radiusMetres), radiusMetres };
  }
}

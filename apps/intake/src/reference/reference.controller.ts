import { DistrictReference, Roles } from '@cityloop/service-kit';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

export interface CategoryView {
  code: string;
  name: string;
  nameEn: string;
  family: string;
  majorClass: string;
  majorName: string;
  minorClass: string;
  defaultDepartmentId: string;
  timeLimit: { amount: number; unit: string };
  urgentTimeLimit: { amount: number; unit: string };
  safety: boolean;
}

@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  constructor(private readonly district: DistrictReference) {}

  @Get('categories')
  @Roles('operator', 'patroller', 'chief', 'dispatcher', 'department', 'command', 'evaluator', 'importer')
  @ApiOperation({
    summary: 'The category catalogue (部件/事件 after CJ/T 214) with departments and time limits',
  })
  categories(): { items: CategoryView[] } {
    return {
      items: this.district.pack.categories.map((c) => ({
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        family: c.family,
        majorClass: c.majorClass,
        majorName: c.majorName,
        minorClass: c.minorClass,
        defaultDepartmentId: c.defaultDepartmentId,
        timeLimit: c.timeLimit,
        urgentTimeLimit: c.urgentTimeLimit,
        safety: c.safety,
      })),
    };
  }
}

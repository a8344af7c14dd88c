import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsOptional,
  Matches,
} from 'class-validator';

export class LogPatrolRequest {
  @ApiProperty({
    type: [String],
    description: '15-digit unit grid cell codes passed, with no such problem seen',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @Matches(/^\d{15}$/, { each: true, message: 'each cell code is 15 digits' })
  cellCodes: string[];

  @ApiPropertyOptional({ description: 'When the pass was made; default now. In the past only.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  passedAt?: string;
}

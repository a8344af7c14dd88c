import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, IsUUID, Matches } from 'class-validator';

/**
 * PatrolPassLogged v1 (巡查记录): a grid patroller passed over these cells and saw no such problem.
 * It bounds the onset of a problem reported there later (time-to-discover). About no case.
 */
export class PatrolPassLoggedV1 {
  @IsUUID() patrolId: string;
  @IsString() patrollerId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @Matches(/^\d{15}$/, { each: true }) cellCodes: string[];
  @IsISO8601() passedAt: string;
}

export const PATROL_PASS_LOGGED = 'PatrolPassLogged' as const;

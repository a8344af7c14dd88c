/** Who may call Cityloop (../shared/domain/API.md "Identity"). */
export const ROLES = [
  'operator', // 12345 受理员
  'patroller', // 监督员; scope: a grid cell code prefix
  'chief', // 值班长
  'dispatcher', // 派遣员
  'department', // 专业部门 or 街道办; scope: its department id (required)
  'command', // 指挥中心
  'evaluator', // 考评办
  'importer', // a trusted system: acts for departments and patrollers, supplies business times
  'admin',
  'open311', // an Open311 client's api_key
] as const;
export type Role = (typeof ROLES)[number];

import type { Category } from '@cityloop/domain';

/**
 * What a realistic district's quarter looks like, as numbers: where reports come from and when,
 * which problems, how fast departments are, how often each side path of the loop happens. The plan
 * (district-plan.ts) draws from these; the specs check that a plan's mix matches them.
 */

export type SimulatedSource = 'hotline' | 'patrol' | 'video' | 'app';

export const SOURCE_SHARES: Record<SimulatedSource, number> = {
  hotline: 0.55,
  patrol: 0.3,
  video: 0.05,
  app: 0.1,
};

/** Relative report volume per local hour (0-23), per source: daytime and weekday peaks. */
export const HOURLY_PROFILE: Record<SimulatedSource, readonly number[]> = {
  //        0    1    2    3    4    5    6    7    8    9   10   11   12   13   14   15   16   17   18   19   20   21   22   23
  hotline: [
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.6, 2.6, 2.6, 2.2, 1.2, 1.4, 2.2, 2.2, 2.0, 1.5, 1.1, 1.0, 0.9,
    0.6, 0.4, 0.3,
  ],
  // Patrollers work the district's day, with a lunch break.
  patrol: [0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1.0, 1.0, 0.9, 0.2, 0.5, 1.0, 1.0, 1.0, 0.6, 0, 0, 0, 0, 0, 0],
  video: [
    0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.6, 1.2, 1.5, 1.2, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.4, 1.5, 1.2, 1.0,
    0.8, 0.5, 0.3,
  ],
  app: [
    0.3, 0.1, 0.1, 0.0, 0.0, 0.1, 0.3, 0.8, 1.2, 1.3, 1.2, 1.1, 1.2, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 1.9, 2.0,
    1.6, 1.0, 0.6,
  ],
};

/** Relative volume of a day: working days carry the load, weekends and holidays less. */
export const DAY_WEIGHT = { workingDay: 1, dayOff: 0.6 };

/**
 * Relative frequency of each category of the demo catalogue: garbage, road cleanliness and street
 * order dominate, as in every 数字城管 district; safety incidents are rare. A category of another
 * district's pack that is not listed gets DEFAULT_CATEGORY_WEIGHT.
 */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  // 市容环境 events: the bulk
  '1102': 14, // 暴露垃圾
  '1104': 8, // 道路不洁
  '1107': 7, // 垃圾满溢
  '1103': 4, // 积存垃圾渣土
  '1106': 2, // 绿地脏乱
  '1105': 1, // 水域不洁
  '1108': 1, // 废弃车辆
  '1109': 1.5, // 餐饮油烟污染
  '1110': 0.5, // 焚烧垃圾树叶
  '1111': 0.5, // 动物尸体
  '1101': 1.5, // 违法搭建
  // 街面秩序
  '1401': 6, // 无照经营游商
  '1402': 6, // 店外经营
  '1403': 5, // 占道堆物
  '1404': 5, // 机动车乱停放
  '1405': 5, // 非机动车乱停放
  '1406': 2, // 露天烧烤
  '1407': 1, // 占道废品收购
  // 宣传广告
  '1201': 5, // 非法小广告
  '1202': 2,
  '1203': 0.5,
  '1204': 1,
  // 施工管理
  '1301': 2.5, // 施工扰民
  '1302': 1.5,
  '1303': 2, // 道路遗撒
  '1304': 1,
  '1305': 0.3,
  // 突发事件
  '1501': 0.1,
  '1502': 0.3,
  '1503': 0.05,
  '1504': 1.5, // 下水道堵塞
  '1505': 0.6, // 道路积水 (summer rain)
  '1506': 0.2,
  '1507': 0.02, // 道路积雪结冰: not in Q2/Q3
  // 部件 (components)
  '0101': 0.4,
  '0102': 0.8,
  '0103': 0.6,
  '0104': 2, // 路灯损坏
  '0105': 0.2,
  '0106': 0.2,
  '0107': 0.3,
  '0108': 0.1,
  '0201': 0.4,
  '0202': 0.4,
  '0203': 0.5,
  '0204': 0.4,
  '0205': 2, // 道路破损
  '0206': 0.5,
  '0207': 0.3,
  '0301': 0.8,
  '0302': 1.2, // 垃圾箱损坏
  '0303': 0.3,
  '0304': 0.8,
  '0305': 0.1,
  '0401': 0.3,
  '0402': 0.3,
  '0403': 0.4,
  '0404': 0.6,
  '0501': 0.1,
  '0502': 0.4,
  '0601': 0.5,
  '0602': 0.2,
};
export const DEFAULT_CATEGORY_WEIGHT = 0.5;

/**
 * Who sees what: callers complain of noise, fumes and blocked sewers more than patrollers find
 * them; patrollers find broken components and small ads that citizens walk past.
 */
export const SOURCE_CATEGORY_FACTORS: Partial<Record<SimulatedSource, Record<string, number>>> = {
  hotline: { '1301': 2.5, '1109': 2.5, '1504': 2, '1406': 1.5, '1201': 0.5 },
  patrol: { '1201': 2, '1202': 1.5, '0104': 1.5, '0205': 1.5, '0302': 1.5, '1301': 0.3, '1109': 0.3 },
  video: { '1401': 2, '1404': 2, '1405': 2, '1303': 2, '1301': 0, '1109': 0 },
};

export function categoryWeight(category: Pick<Category, 'code'>, source: SimulatedSource): number {
  const base = CATEGORY_WEIGHTS[category.code] ?? DEFAULT_CATEGORY_WEIGHT;
  return base * (SOURCE_CATEGORY_FACTORS[source]?.[category.code] ?? 1);
}

/** Share of reports marked urgent: safety categories are urgent more often. */
export const URGENT_SHARE = { safety: 0.25, other: 0.04 };

/** Categories where the same problem keeps coming back at the same spot (整治反弹 hot spots). */
export const HOT_SPOT_CATEGORIES: Record<string, number> = {
  '1102': 4,
  '1107': 3,
  '1104': 2,
  '1401': 3,
  '1406': 2,
  '1403': 2,
  '1402': 2,
  '1201': 2,
  '1303': 1,
  '1405': 1,
};

/**
 * How long a department takes relative to its time limit (1 = exactly the limit at the median of
 * a case that runs long): below 1 fast, above 1 slow and often late. Departments of other packs
 * get a multiplier drawn from the seed.
 */
export const DEPARTMENT_SPEEDS: Record<string, number> = {
  sanitation: 0.55,
  enforcement: 1.1,
  housing: 1.5,
  greening: 0.9,
  water: 0.8,
  'traffic-police': 0.7,
  'municipal-roads': 1.3,
  power: 0.6,
  gas: 0.5,
  telecom: 1.4,
  environment: 1.6,
  'culture-sports': 1.2,
  'office-wangjiang': 0.8,
  'office-mingzhu': 1.0,
  'office-donghu': 0.9,
  'office-wutong': 1.2,
  'office-renmin': 0.75,
  'office-nanpu': 1.3,
};

/** The side paths of the loop, as probabilities per case (or per step where noted). */
export const RATES = {
  /** Of all cases: 不予立案 by the duty chief (only reports that need a chief can be rejected). */
  rejected: 0.03,
  /** Of dispatched cases: 退单 (wrong area), approved and re-dispatched elsewhere. */
  returned: 0.04,
  /** Of dispatched cases: 延期申请. */
  extension: 0.06,
  /** Of extension requests: approved by the dispatcher. */
  extensionApproved: 0.85,
  /** Of dispatched cases: 缓办, resumed some days later. */
  postponed: 0.01,
  /** Of disposal reports checked on site for the first time: 核查不通过 (rework). */
  failedVerification: 0.08,
  /** Of cases that failed once: they fail the second check too. */
  failedAgain: 0.2,
  /** Of hotline callers: they give a "since when". */
  hotlineOnset: 0.6,
  /** Share of the district's cells on no patroller's round (cases there may have no known onset). */
  unpatrolledCells: 0.08,
  /** After a hot spot's case closes: the problem comes back within 30 days. */
  hotSpotRebound: 0.75,
  /** ... or a bit after 30 days (not a rebound by the default window). */
  hotSpotLateReturn: 0.15,
};

/** 回访 of a closed hotline case: the first verdict, and the verdict after a re-handling. */
export const SATISFACTION_FIRST = { satisfied: 0.8, basically: 0.12, unsatisfied: 0.08 };
export const SATISFACTION_AFTER_REOPEN = { satisfied: 0.7, basically: 0.3, unsatisfied: 0 };

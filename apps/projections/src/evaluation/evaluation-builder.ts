import {
  compositeScore,
  DEFAULT_EVALUATION_SCHEME,
  IMPORTED_PARTS,
  namedPeriod,
  previousQuarter,
  rankBy,
  scoreSubject,
  validateEvaluationScheme,
  type EvaluationPart,
  type EvaluationScheme,
} from '@cityloop/domain';
import { DistrictReference } from '@cityloop/service-kit';
import { Injectable } from '@nestjs/common';
import {
  MetricsReadModel,
  type Rate,
  type Subject,
  type SubjectMetrics,
} from '../metrics/metrics-read-model';
import { EvaluationRecords, type PartImport } from './evaluation-records';
import type { ImportedFinding } from './evaluation.requests';

type Figures = SubjectMetrics & { rates: Record<string, Rate>; hotline: Record<string, Rate> };

/**
 * The quarterly evaluation (综合考评) from the live metric tables and the imported parts: the
 * composite, parts, grades, ranks with their change against the previous quarter, findings still
 * open from earlier quarters, and the list for admonishment (docs/METRICS.md).
 */
@Injectable()
export class EvaluationBuilder {
  readonly scheme: EvaluationScheme;

  constructor(
    private readonly metrics: MetricsReadModel,
    private readonly records: EvaluationRecords,
    district: DistrictReference,
  ) {
    this.scheme = district.pack.evaluation ?? DEFAULT_EVALUATION_SCHEME;
    const problems = validateEvaluationScheme(this.scheme);
    if (problems.length > 0) throw new Error(`the district's evaluation scheme:\n  ${problems.join('\n  ')}`);
  }

  /**
   * The evaluation as of the read model's clock now; or, with `maxAgeSeconds`, from metric tables
   * computed up to that long ago (MetricsReadModel.table), as of the earlier of their clocks.
   */
  async build(quarter: string, maxAgeSeconds = 0, withPrevious = true): Promise<Record<string, unknown>> {
    const period = namedPeriod(quarter, this.metrics.timeZone);
    const now = await this.metrics.asOf();
    const imports = await this.records.latestImportsUpTo(quarter);
    const thisQuarter = imports.filter((i) => i.quarter === quarter);
    const previous = withPrevious ? await this.previousRanks(previousQuarter(quarter), maxAgeSeconds) : null;
    const tables = {
      street: await this.metrics.table('street', { period, categoryCode: null }, now, maxAgeSeconds),
      department: await this.metrics.table('department', { period, categoryCode: null }, now, maxAgeSeconds),
    };
    const asOf = earliest(tables.street.asOf, tables.department.asOf);

    const evaluate = (subject: Subject) => {
      const scored = (tables[subject].items as Figures[]).map((figures) => {
        const id = String(figures[subject === 'street' ? 'streetId' : 'departmentId']);
        const composite = compositeScore(
          {
            disposal: figures.rates.disposal.rate,
            onTimeDisposal: figures.rates.onTimeDisposal.rate,
            rework: figures.rates.rework.rate,
            overdueOpen: figures.rates.overdueOpen.rate,
            extension: figures.rates.extension.rate,
          },
          this.scheme.composite,
        );
        const parts: Partial<Record<EvaluationPart, number | null>> = {
          assessment: composite,
          hotline: hotlineScore(figures.hotline),
        };
        for (const part of IMPORTED_PARTS) parts[part] = importedScore(thisQuarter, part, subject, id);
        return {
          id,
          name: figures.name,
          composite,
          indicators: figures.rates,
          due: figures.due,
          ...scoreSubject(parts, this.scheme),
        };
      });
      const ranks = rankBy(scored);
      return scored
        .map((s) => {
          const rank = ranks.get(s.id) ?? null;
          const previousRank = previous?.[subject].get(s.id) ?? null;
          return {
            ...s,
            rank,
            previousRank,
            // Places gained since the previous quarter (positive: moved up).
            rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
            admonish: s.percentage !== null && s.percentage < this.scheme.admonishBelow,
          };
        })
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id.localeCompare(b.id));
    };
    const [streets, departments] = [evaluate('street'), evaluate('department')];
    return {
      quarter,
      from: period.from,
      to: period.to,
      timeZone: this.metrics.timeZone,
      asOf: asOf?.toISOString() ?? null,
      // The quarter's figures may still move until the read model's clock passes its end.
      complete: asOf !== null && asOf.getTime() >= period.end.getTime(),
      scheme: this.scheme,
      streets,
      departments,
      findings: findingsOf(imports, quarter),
      admonishment: departments
        .filter((d) => d.admonish)
        .map(({ id, name, percentage, grade }) => ({ id, name, percentage, grade })),
    };
  }

  /** The previous quarter's ranks: as published (latest version), else as the live figures give them. */
  private async previousRanks(
    quarter: string,
    maxAgeSeconds: number,
  ): Promise<Record<Subject, Map<string, number>>> {
    const published = await this.records.publication(quarter);
    const evaluation = (published?.snapshot ?? (await this.build(quarter, maxAgeSeconds, false))) as Record<
      'streets' | 'departments',
      { id: string; rank: number | null }[]
    >;
    const ranksOf = (items: { id: string; rank: number | null }[]) =>
      new Map(items.filter((i) => i.rank !== null).map((i) => [i.id, i.rank!]));
    return { street: ranksOf(evaluation.streets), department: ranksOf(evaluation.departments) };
  }
}

/** The earlier of two clocks (null: a read model that has seen nothing). */
function earliest(a: Date | null, b: Date | null): Date | null {
  return a === null || b === null ? null : a < b ? a : b;
}

/** The hotline part (0-100): the mean of the response, resolution and satisfaction rates that have cases. */
function hotlineScore(hotline: Record<string, Rate>): number | null {
  const rates = ['response', 'resolution', 'satisfaction']
    .map((r) => hotline[r].rate)
    .filter((r) => r !== null);
  return rates.length > 0 ? (rates.reduce((sum, r) => sum + r, 0) / rates.length) * 100 : null;
}

function importedScore(imports: PartImport[], part: string, subject: Subject, id: string): number | null {
  const found = imports
    .find((i) => i.part === part)
    ?.scores.find((s) => s.subject === subject && s.id === id);
  return found?.score ?? null;
}

/**
 * The quarter's findings, and those an earlier quarter named that are still open: a finding's
 * status is its latest import's (by quarter, then import), up to this quarter.
 */
function findingsOf(imports: PartImport[], quarter: string) {
  const latest = new Map<
    string,
    ImportedFinding & { part: string; firstQuarter: string; lastQuarter: string }
  >();
  for (const i of [...imports].sort(
    (a, b) => a.quarter.localeCompare(b.quarter) || +a.importedAt - +b.importedAt,
  )) {
    for (const finding of i.findings) {
      const known = latest.get(finding.ref);
      latest.set(finding.ref, {
        ...finding,
        part: i.part,
        firstQuarter: known?.firstQuarter ?? i.quarter,
        lastQuarter: i.quarter,
      });
    }
  }
  const all = [...latest.values()].sort((a, b) => a.ref.localeCompare(b.ref));
  return {
    current: all.filter((f) => f.lastQuarter === quarter),
    stillOpenFromEarlier: all.filter((f) => f.status === 'open' && f.firstQuarter < quarter),
  };
}

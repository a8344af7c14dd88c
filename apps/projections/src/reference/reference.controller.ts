import { DistrictReference, Public } from '@cityloop/service-kit';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

interface Feature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: unknown };
  properties: Record<string, unknown>;
}

/** The district's map and facts for the command centre (public: the page draws them before sign-in). */
@ApiTags('reference')
@Public()
@Controller('reference')
export class ReferenceController {
  private readonly map: { type: 'FeatureCollection'; features: Feature[] };

  constructor(private readonly district: DistrictReference) {
    const { streets, communities, cells } = district.pack;
    const feature = (
      kind: string,
      code: string,
      polygon: unknown,
      extra: Record<string, unknown>,
    ): Feature => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: polygon },
      properties: { kind, code, ...extra },
    });
    this.map = {
      type: 'FeatureCollection',
      features: [
        ...streets.map((s) => feature('street', s.id, s.polygon, { name: s.name, nameEn: s.nameEn })),
        ...communities.map((c) =>
          feature('community', c.id, c.polygon, { name: c.name, nameEn: c.nameEn, streetId: c.streetId }),
        ),
        ...cells.map((c) =>
          feature('cell', c.code, c.polygon, { communityId: c.communityId, streetId: c.streetId }),
        ),
      ],
    };
  }

  @Get('map')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({
    summary: 'GeoJSON of streets, communities and unit grid cells (properties.kind, properties.code)',
  })
  getMap() {
    return this.map;
  }

  @Get('district')
  @ApiOperation({ summary: 'The district: code, names, time zone, departments, streets, categories' })
  getDistrict() {
    const { district, departments, streets, categories } = this.district.pack;
    return {
      ...district,
      departments: departments.map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn, kind: d.kind })),
      streets: streets.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn })),
      categories: categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, family: c.family })),
    };
  }
}

// The district's reference data (public): names of streets, departments and categories, and the map.
import { ApiError, getPublic } from './api.js';
import { nameOf } from './i18n.js';

// The reference routes are public; they are served under /reference or under the API prefix.
async function reference(name) {
  try {
    return await getPublic(`/api/v1/reference/${name}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return getPublic(`/reference/${name}`);
    throw error;
  }
}

const ref = {
  district: null,
  map: null,
  streets: new Map(),
  departments: new Map(),
  categories: new Map(),
  communities: new Map(),
};

export async function loadReference() {
  const [district, map] = await Promise.all([reference('district'), reference('map')]);
  ref.district = district;
  ref.map = map;
  for (const street of district.streets ?? []) ref.streets.set(street.id, street);
  for (const department of district.departments ?? []) ref.departments.set(department.id, department);
  for (const category of district.categories ?? []) ref.categories.set(category.code, category);
  for (const feature of map.features ?? [])
    if (feature.properties?.kind === 'community')
      ref.communities.set(feature.properties.code, feature.properties);
  return ref;
}

export const district = () => ref.district;
export const mapData = () => ref.map;
export const streets = () => [...ref.streets.values()];
export const departments = () => [...ref.departments.values()];

/** Display names, falling back to the code (or a name the server sent along). */
export const streetName = (id, fallback) =>
  ref.streets.has(id) ? nameOf(ref.streets.get(id)) : (fallback ?? id ?? '');
export const departmentName = (id, fallback) =>
  ref.departments.has(id) ? nameOf(ref.departments.get(id)) : (fallback ?? id ?? '');
export const categoryName = (code, fallback) =>
  ref.categories.has(code) ? nameOf(ref.categories.get(code)) : (fallback ?? code ?? '');
export const communityName = (id) => (ref.communities.has(id) ? nameOf(ref.communities.get(id)) : (id ?? ''));

/** "望江街道 柳岸社区 ·003" for a 15-digit cell code. */
export function cellLabel(code) {
  if (!code) return '';
  const street = streetName(code.slice(0, 9));
  const community = ref.communities.has(code.slice(0, 12)) ? communityName(code.slice(0, 12)) : '';
  return [street, community, code.slice(12)].filter(Boolean).join(' · ');
}

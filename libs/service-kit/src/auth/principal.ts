import type { Actor, Role } from '@cityloop/contracts';

/** The caller a bearer token names. */
export interface Principal {
  /** Stable id of the person or system (the token's subject). */
  id: string;
  role: Role;
  /** For role department: the department whose orders it sees and acts on. */
  departmentId?: string;
  /** For role patroller: the grid cell code prefix it patrols (empty: the whole district). */
  cellPrefix?: string;
}

/** What goes into events about the caller: ids and role only, never a name or phone. */
export const actorOf = (principal: Principal): Actor => ({
  role: principal.role,
  id: principal.id,
  ...(principal.departmentId && { departmentId: principal.departmentId }),
});

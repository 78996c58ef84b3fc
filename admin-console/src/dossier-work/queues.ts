import type { DossierStatus } from './types';

export type WorkRole = 'desk_officer' | 'processing_officer' | 'leader';
export const WORK_ROLES: readonly WorkRole[] = ['desk_officer', 'processing_officer', 'leader'];

/**
 * A work queue: one filtered view of the unit's dossiers (GET /dossiers). Which dossiers each role
 * works on follows the status machine (server/src/modules/dossiers/transitions.ts); the API still
 * decides what may be done to each one (its allowedActions).
 */
export interface Queue {
  key: string;
  roles: readonly WorkRole[];
  statuses?: readonly DossierStatus[];
  assignee?: 'me';
  sort: { field: string; order: 'ASC' | 'DESC' };
  /** Shows the due-date urgency column. */
  dueDates: boolean;
}

export const QUEUES: readonly Queue[] = [
  {
    key: 'reception',
    roles: ['desk_officer'],
    statuses: ['submitted', 'supplement_requested'],
    sort: { field: 'submittedAt', order: 'ASC' },
    dueDates: false,
  },
  {
    key: 'mine',
    roles: ['processing_officer', 'leader'],
    statuses: ['in_progress', 'awaiting_supplement'],
    assignee: 'me',
    sort: { field: 'dueAt', order: 'ASC' },
    dueDates: true,
  },
  {
    key: 'to_assign',
    roles: ['desk_officer', 'leader'],
    statuses: ['received'],
    sort: { field: 'dueAt', order: 'ASC' },
    dueDates: true,
  },
  {
    key: 'processing',
    roles: ['processing_officer', 'leader'],
    statuses: ['in_progress', 'awaiting_supplement', 'transferred'],
    sort: { field: 'dueAt', order: 'ASC' },
    dueDates: true,
  },
  {
    key: 'to_issue',
    roles: ['processing_officer', 'leader'],
    statuses: ['approved'],
    sort: { field: 'dueAt', order: 'ASC' },
    dueDates: true,
  },
  {
    key: 'to_return',
    roles: ['desk_officer'],
    statuses: ['result_issued'],
    sort: { field: 'dueAt', order: 'ASC' },
    dueDates: true,
  },
  {
    key: 'all',
    roles: ['desk_officer', 'processing_officer', 'leader'],
    sort: { field: 'submittedAt', order: 'DESC' },
    dueDates: true,
  },
];

export const workRolesOf = (roles: readonly string[]): WorkRole[] =>
  WORK_ROLES.filter((r) => roles.includes(r));

export const queuesFor = (roles: readonly string[]): Queue[] =>
  QUEUES.filter((q) => q.roles.some((r) => roles.includes(r)));

/** The API filter of a queue (status as a list, "me" resolved by the server). */
export function queueFilter(q: Queue): Record<string, unknown> {
  return {
    ...(q.statuses ? { status: [...q.statuses] } : {}),
    ...(q.assignee ? { assigneeId: q.assignee } : {}),
  };
}

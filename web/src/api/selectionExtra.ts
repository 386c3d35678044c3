// The calls added with the official hospital lists and member replacements: the lists and the flags they raise
// (/api/admin/selection/hospital-lists, /api/admin/selection/flags), a team's replacement requests from its
// management link (Bearer token) and the staff's decision on them (/api/admin/applications/{id}/member-replacements).
import { staff, queryString } from './admin'
import { request } from './client'
import type { MemberBody } from './types'

export const HOSPITAL_LIST_KINDS = ['critical_care_center', 'advanced_treatment_hospital'] as const
export type HospitalListKind = (typeof HOSPITAL_LIST_KINDS)[number]

export interface HospitalList {
  kind: HospitalListKind | string
  entries: number
  imported_by: string
  imported_at: string | null
}

export interface ImportAnswer {
  year: string
  kind: string
  entries: number
  unresolved_flags: number
}

export interface SelectionFlag {
  application_id: string
  reference: string
  hospital_name: string
  prefecture_code: number
  reason: 'hospital_unmatched' | 'critical_care_mismatch' | 'advanced_treatment_mismatch' | string
  detail: string
  reviewed: boolean
  review?: { reason: string; by: string; at: string | null }
}

export interface FlagsView {
  flags: SelectionFlag[]
  unresolved: number
}

export type ReplacementStatus = 'pending' | 'approved' | 'refused'

export interface MemberReplacement {
  id: string
  application_id: string
  member_id: string
  old_member_name: string
  new_member: MemberBody
  status: ReplacementStatus | string
  reason: string | null
  decided_by: string | null
  requested_at: string | null
  decided_at: string | null
}

export interface ReplacementBody {
  member_id: string
  member: MemberBody
}

const id = encodeURIComponent

export const listsApi = {
  /** The file's bytes as they are (Shift_JIS or UTF-8): the server decodes them. */
  importList: (kind: string, year: string, bytes: ArrayBuffer | Uint8Array) =>
    staff<ImportAnswer>('POST', `/api/admin/selection/hospital-lists/${id(kind)}${queryString({ year })}`, bytes, 'text/csv'),
  lists: (year: string) =>
    staff<{ lists: HospitalList[] }>('GET', `/api/admin/selection/hospital-lists${queryString({ year })}`).then((r) => r.lists),
  flags: (year: string) => staff<FlagsView>('GET', `/api/admin/selection/flags${queryString({ year })}`),
  review: (applicationId: string, reason: string) =>
    staff<FlagsView>('POST', `/api/admin/selection/flags/${id(applicationId)}/review`, { reason }),
}

export const replacementsApi = {
  ofTeam: (token: string) =>
    request<{ replacements: MemberReplacement[] }>('GET', '/api/manage/application/member-replacements', { token }).then(
      (r) => r.replacements,
    ),
  ask: (token: string, body: ReplacementBody) =>
    request<{ replacement: MemberReplacement }>('POST', '/api/manage/application/member-replacements', { token, body }).then(
      (r) => r.replacement,
    ),
  ofApplication: (applicationId: string) =>
    staff<{ replacements: MemberReplacement[] }>('GET', `/api/admin/applications/${id(applicationId)}/member-replacements`).then(
      (r) => r.replacements,
    ),
  decide: (applicationId: string, rid: string, approve: boolean, reason: string) =>
    staff<{ replacement: MemberReplacement }>(
      'POST',
      `/api/admin/applications/${id(applicationId)}/member-replacements/${id(rid)}/${approve ? 'approve' : 'refuse'}`,
      reason ? { reason } : {},
    ).then((r) => r.replacement),
}

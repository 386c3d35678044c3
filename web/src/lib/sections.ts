// The parts of an application that can be changed after submission, and which of them a form changed.
import type { ApplicationBody, ApplicationPatch } from '../api/types'
import { isUnder } from './fieldPath'

export const EDITABLE_SECTIONS = ['hospital', 'contact', 'members', 'preferences'] as const
export type EditableSection = (typeof EDITABLE_SECTIONS)[number]

type Sections = Pick<ApplicationBody, EditableSection>

/** The sections of `edited` that differ from `original`: the body of PATCH /api/manage/application. */
export function changedSections(original: Sections, edited: Sections): ApplicationPatch {
  const patch: ApplicationPatch = {}
  for (const s of EDITABLE_SECTIONS) {
    if (JSON.stringify(original[s]) !== JSON.stringify(edited[s])) Object.assign(patch, { [s]: edited[s] })
  }
  return patch
}

/** Keeps the problems that lie in one of the sections. */
export function inSections<T extends { field: string }>(problems: T[], sections: string[]): T[] {
  return problems.filter((p) => sections.some((s) => isUnder(p.field, s)))
}

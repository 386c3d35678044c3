// The questionnaire builder's API (GET/PUT /api/admin/learning/{year}/questionnaire): the year's pre/post
// questionnaire as the back office edits it — scales, sections and items with the forms they appear in.
import { staff } from './admin'

export type BuilderKind = 'likert' | 'single_choice' | 'multiple_choice' | 'numeric' | 'free_text'
export type Phase = 'pre' | 'post'

export interface BuilderItem {
  id: string
  kind: BuilderKind
  text: string
  text_en: string
  required: boolean
  paired: boolean
  /** Empty: the section's forms. */
  forms: Phase[]
  scale?: string
  options?: string[]
  options_en?: string[]
  /** A knowledge item's right option (single choice), 0-based. */
  correct?: number | null
  max_choices?: number
  min?: number | null
  max?: number | null
  integer?: boolean
  max_length?: number
}

export interface BuilderSection {
  id: string
  title: string
  title_en: string
  forms: Phase[]
  items: BuilderItem[]
}

export interface BuilderScale {
  id: string
  labels: string[]
  labels_en: string[]
}

export interface QuestionnaireDefinition {
  title: string
  title_en: string
  post_close_days: number
  forms: Record<Phase, { title: string; title_en: string }>
  scales: BuilderScale[]
  sections: BuilderSection[]
}

export interface BuilderState {
  year: string
  /** null until the year has a questionnaire. */
  definition: QuestionnaireDefinition | null
  responses: Record<Phase, number>
  /** Ids of the items that have answers: what those answers depend on cannot change. */
  answered: Record<Phase, string[]>
}

const path = (year: string) => `/api/admin/learning/${encodeURIComponent(year)}/questionnaire`

export const questionnaireBuilderApi = {
  get: (year: string) => staff<BuilderState>('GET', path(year)),
  save: (year: string, definition: QuestionnaireDefinition) => staff<BuilderState>('PUT', path(year), definition),
}

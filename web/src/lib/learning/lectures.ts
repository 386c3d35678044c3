// The back office's lecture form: the draft of a new lecture or an edited one, its checks (the server's rules:
// a title, an https video URL, minutes and order not negative) and the order in which lectures are listed.
import type { AdminLecture, LectureInput } from '../../api/learning'

export type LectureProblem = 'title' | 'video' | 'number'

export function draftOf(l?: AdminLecture, course = ''): LectureInput {
  return {
    course: l ? l.course : course,
    title: l?.title ?? '',
    title_en: l?.title_en ?? '',
    summary: l?.summary ?? '',
    body_md: l?.body_md ?? '',
    video_url: l?.video_url ?? '',
    estimated_minutes: l?.estimated_minutes ?? 15,
    position: l?.position ?? 0,
    required: l?.required ?? true,
  }
}

/** What the server would refuse, by field; empty when the draft may be sent. */
export function lectureProblems(d: LectureInput): Partial<Record<keyof LectureInput, LectureProblem>> {
  const out: Partial<Record<keyof LectureInput, LectureProblem>> = {}
  if (!d.title.trim()) out.title = 'title'
  if (d.video_url.trim() && !/^https:\/\//.test(d.video_url.trim())) out.video_url = 'video'
  for (const k of ['estimated_minutes', 'position'] as const)
    if (!Number.isInteger(d[k]) || d[k] < 0) out[k] = 'number'
  return out
}

/** The body sent: trimmed texts, whole numbers; the course only when creating. */
export function lectureBody(d: LectureInput, creating: boolean): LectureInput {
  const body: LectureInput = {
    title: d.title.trim(),
    title_en: d.title_en.trim(),
    summary: d.summary.trim(),
    body_md: d.body_md,
    video_url: d.video_url.trim(),
    estimated_minutes: Math.trunc(d.estimated_minutes),
    position: Math.trunc(d.position),
    required: d.required,
  }
  if (creating) body.course = d.course
  return body
}

/** By course, then order, then title. */
export function sortedLectures(ls: readonly AdminLecture[]): AdminLecture[] {
  return [...ls].sort((a, b) => a.course.localeCompare(b.course) || a.position - b.position || a.title.localeCompare(b.title))
}

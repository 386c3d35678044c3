import { describe, expect, it } from 'vitest'
import type { AdminLecture } from '../../api/learning'
import { draftOf, lectureBody, lectureProblems, sortedLectures } from './lectures'

const lecture = (over: Partial<AdminLecture>): AdminLecture => ({
  id: 'l1', course: 'ventilator', position: 1, title: '換気モード', title_en: '', summary: 's', body_md: '# x',
  video_url: '', estimated_minutes: 20, required: true, quizzes: [], ...over,
})

describe('lecture form', () => {
  it('starts a new lecture for a course and copies an existing one', () => {
    expect(draftOf(undefined, 'ecmo')).toMatchObject({ course: 'ecmo', title: '', required: true })
    expect(draftOf(lecture({ title: 'A', video_url: 'https://v' }))).toMatchObject({ title: 'A', video_url: 'https://v' })
  })
  it('checks what the server checks', () => {
    expect(lectureProblems(draftOf(lecture({})))).toEqual({})
    expect(lectureProblems({ ...draftOf(lecture({})), title: '  ' })).toEqual({ title: 'title' })
    expect(lectureProblems({ ...draftOf(lecture({})), video_url: 'http://x' })).toEqual({ video_url: 'video' })
    expect(lectureProblems({ ...draftOf(lecture({})), estimated_minutes: -1, position: 1.5 })).toEqual({
      estimated_minutes: 'number', position: 'number',
    })
  })
  it('sends the course only when creating', () => {
    expect(lectureBody(draftOf(lecture({ title: ' A ' })), false)).not.toHaveProperty('course')
    expect(lectureBody(draftOf(lecture({ title: ' A ' })), true)).toMatchObject({ course: 'ventilator', title: 'A' })
  })
  it('lists by course then order', () => {
    const ls = [lecture({ id: 'b', course: 'ventilator', position: 2 }), lecture({ id: 'a', course: 'ecmo', position: 3 }),
      lecture({ id: 'c', course: 'ventilator', position: 1 })]
    expect(sortedLectures(ls).map((l) => l.id)).toEqual(['a', 'c', 'b'])
  })
})

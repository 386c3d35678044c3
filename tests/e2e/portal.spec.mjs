// End to end, pre-learning: a team applies in the demo year; a member asks for a sign-in link, opens it from the
// mail in the SMTP sink (the page signs in only when the button is pressed), studies a lecture, takes a test (an
// empty attempt fails; attempts left go down), answers the pre-course questionnaire; staff see the progress and
// the results page. Phone size for the participant, no CSP error anywhere.
import { join } from 'node:path'
import {
  assert,
  assertEqual,
  launchBrowser,
  run,
  screenshot,
  startServer,
  startSmtpSink,
  step,
  waitForMail,
  watchPage,
} from './lib/harness.mjs'
import { expectVisible, setUp, signIn, submitApplication, userAdd } from './lib/staff.mjs'

const runId = Date.now().toString(36)
const ADMIN = `admin-${runId}@example.jp`

await run(async () => {
  const sink = await startSmtpSink()
  const server = await startServer({ smtpUrl: sink.url })
  const browser = await launchBrowser()
  const problems = []
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true, hasTouch: true })
  const page = await phone.newPage()
  const watch = watchPage(page, problems)

  const application = await step('a team applies in the demo year (through the API)', () => submitApplication(server, runId, '管理画面記念病院'))
  const member = `m0-${runId}@example.jp`

  await step('the member asks for a sign-in link on /portal', async () => {
    watch.allow(/401/) // /api/auth/me before signing in
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=email-link]'), 'link form')
    await page.locator('[data-test=link-email]').fill(member)
    await page.locator('[data-test=link-send]').click()
    await expectVisible(page.locator('[data-test=link-sent]'), 'link sent')
    await screenshot(page, 'portal-link-sent')
  })

  await step('the link from the mail shows a button and signs in only when pressed', async () => {
    const mail = await waitForMail(sink.dir, (m) => m.to.includes(member) && /sign-in\/email#/.test(m.text))
    const link = /(https?:\/\/\S+\/sign-in\/email#[A-Za-z0-9_-]+)/.exec(mail.text)[1]
    const url = new URL(link)
    await page.goto(`${server.url}${url.pathname}${url.hash}`)
    await expectVisible(page.locator('[data-test=link-confirm]'), 'sign-in button')
    await screenshot(page, 'portal-sign-in-link')
    await page.locator('[data-test=link-confirm]').click()
    await expectVisible(page.locator('[data-test=portal-name]'), 'portal')
    assert((await page.locator('[data-test=portal-name]').textContent()).includes('医師 一郎'), 'signed in as the member')
    await screenshot(page, 'portal-overview')
  })

  let quizId = ''
  await step('the member studies a lecture (Markdown rendered) and marks it studied', async () => {
    await page.locator('[data-test=lectures] li a').first().click()
    await expectVisible(page.locator('[data-test=lecture-body] h1, [data-test=lecture-body] h2'), 'lecture body')
    assert((await page.locator('[data-test=lecture-body] table').count()) > 0, 'the Markdown table is rendered')
    await screenshot(page, 'portal-lecture')
    await page.locator('[data-test=mark-studied]').click()
    await expectVisible(page.locator('[data-test=studied-done]'), 'studied')
    await page.locator('[data-test=to-quiz]').first().click()
    await expectVisible(page.locator('[data-test=quiz-start]'), 'test page')
    quizId = new URL(page.url()).pathname.split('/').pop()
  })

  await step('an empty attempt fails with the score; attempts left go down', async () => {
    const before = (await page.locator('[data-test=attempts-left]').textContent()).trim()
    await page.locator('[data-test=quiz-start]').click()
    await expectVisible(page.locator('[data-test=quiz-form]'), 'questions')
    await page.locator('[data-test=question-0] input').first().click()
    await screenshot(page, 'portal-quiz')
    await page.locator('[data-test=quiz-submit]').click()
    await expectVisible(page.locator('[data-test=submit-anyway]'), 'unanswered questions confirmed first')
    await page.locator('[data-test=submit-anyway]').click()
    await expectVisible(page.locator('[data-test=quiz-outcome]'), 'result')
    assert((await page.locator('[data-test=quiz-outcome]').textContent()).includes('不合格'), 'failed')
    const after = (await page.locator('[data-test=attempts-left]').textContent()).trim()
    assert(before !== after, `attempts left changed (${before} → ${after})`)
    await screenshot(page, 'portal-quiz-result')
  })

  await step('the member answers the pre-course questionnaire (required items checked first)', async () => {
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=answer-pre]'), 'pre questionnaire open')
    await page.locator('[data-test=answer-pre]').click()
    await expectVisible(page.locator('[data-test=questionnaire-form]'), 'form')
    await page.locator('[data-test=questionnaire-submit]').click()
    await expectVisible(page.locator('[data-test=questionnaire-problems]'), 'required items flagged')
    const items = page.locator('fieldset.q-item')
    const n = await items.count()
    for (let i = 0; i < n; ++i) {
      const item = items.nth(i)
      const kind = await item.getAttribute('data-kind')
      if (kind === 'likert') await item.locator('[data-test=scale-3]').check()
      else if (kind === 'single_choice') await item.locator('[data-test=option-0]').check()
      else if (kind === 'multiple_choice') await item.locator('[data-test=option-0]').check()
      else if (kind === 'numeric') await item.locator('[data-test=number]').fill('3')
      else await item.locator('[data-test=text]').fill('換気モードの選び方を学びたい')
    }
    await screenshot(page, 'portal-questionnaire')
    await page.locator('[data-test=questionnaire-submit]').click()
    await expectVisible(page.locator('[data-test=questionnaire-done]'), 'answered')
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=questionnaire-pre] [data-test=questionnaire-status]', { hasText: '回答済み' }), 'pre answered')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
    assert(!wide, 'no horizontal scroll on a phone')
    await screenshot(page, 'portal-overview-after')
  })

  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })
  const staffPage = await desktop.newPage()
  const staffWatch = watchPage(staffPage, problems)
  await step('staff see the progress and the results', async () => {
    const token = userAdd(server, ADMIN, 'admin')
    const admin = await setUp(staffPage, server.url, token)
    await signIn(staffPage, server.url, ADMIN, admin.secret, admin.counter)
    await staffPage.locator('[data-test=nav-learning]').click()
    await expectVisible(staffPage.locator('[data-test=progress-people]'), 'progress table')
    const row = staffPage.locator('[data-test=progress-people] tbody tr', { hasText: '医師 一郎' })
    assert((await row.locator('[data-test=person-pre]').textContent()).includes('済'), 'pre answered shown')
    assert((await row.locator('[data-test=person-lectures]').textContent()).startsWith('1/'), 'one lecture studied')
    assert(await staffPage.locator('[data-test=export-xlsx]').isVisible(), 'export link')
    await screenshot(staffPage, 'admin-learning')
    await staffPage.locator('[data-test=gift-text]').fill('::q1::問題 {=正しい ~誤り\n')
    staffWatch.allow(/422/) // the bad GIFT file, on purpose
    await staffPage.locator('[data-test=gift-submit]').click()
    await expectVisible(staffPage.locator('[data-test=gift-errors] li'), 'GIFT errors with lines')
    await screenshot(staffPage, 'admin-learning-gift-errors')
    await staffPage.locator('[data-test=nav-results]').click()
    await expectVisible(staffPage.locator('[data-test=response-rates]'), 'results')
    await staffPage.waitForTimeout(500)
    await screenshot(staffPage, 'admin-results')
  })

  await step('no console error, CSP violation or server error', async () => {
    assertEqual(problems.length, 0, `problems:\n${problems.join('\n')}`)
  })
  void application
  void quizId
})

// End to end, pre-learning: a team applies in the demo year; a member asks for a sign-in link, opens it from the
// mail in the SMTP sink (the page signs in only when the button is pressed), studies a lecture, takes a test (an
// empty attempt fails; attempts left go down), answers the pre-course questionnaire; staff see the progress,
// download a test as GIFT and open the results page. Then the server's clock (KENSHU_CLOCK_FILE; real time until
// then) moves past the end of the member's session day: the pre form has closed and the post form opened; the
// member signs in again by a fresh link and answers the post-course questionnaire (other Likert points); staff sign
// in again (TOTP at the server's time) and the results page shows the pair (n = 1, means 3 → 5, Wilcoxon's exact p = 1 and r = 0: a single
// pair proves nothing) with its Chart.js bar charts drawn.
// Phone size for the participant, no CSP error anywhere.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  ARTIFACTS,
  assert,
  assertEqual,
  launchBrowser,
  readMails,
  run,
  screenshot,
  startServer,
  startSmtpSink,
  step,
  testClock,
  waitForMail,
  watchPage,
} from './lib/harness.mjs'
import { expectVisible, setUp, signIn, submitApplication, userAdd } from './lib/staff.mjs'

const runId = Date.now().toString(36)
const ADMIN = `admin-${runId}@example.jp`

await run(async () => {
  const sink = await startSmtpSink()
  const clock = testClock()
  const server = await startServer({ smtpUrl: sink.url, env: clock.env })
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
  let post = null // the post form's window, as the portal gives it
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

  /** Answers every item of the questionnaire form shown: Likert items on `scale`, the first option of a choice. */
  async function fillQuestionnaire(scale, text) {
    const items = page.locator('fieldset.q-item')
    const n = await items.count()
    assert(n > 0, 'the form has items')
    for (let i = 0; i < n; ++i) {
      const item = items.nth(i)
      const kind = await item.getAttribute('data-kind')
      if (kind === 'likert') await item.locator(`[data-test=scale-${scale}]`).check()
      else if (kind === 'single_choice') await item.locator('[data-test=option-0]').check()
      else if (kind === 'multiple_choice') await item.locator('[data-test=option-0]').check()
      else if (kind === 'numeric') await item.locator('[data-test=number]').fill('3')
      else await item.locator('[data-test=text]').fill(text)
    }
  }

  /** Fills the open form (`form`: pre or post), sends it and sees it marked answered on the portal. */
  async function answerQuestionnaire(form, scale, text, shot) {
    await fillQuestionnaire(scale, text)
    await screenshot(page, shot)
    await page.locator('[data-test=questionnaire-submit]').click()
    await expectVisible(page.locator('[data-test=questionnaire-done]'), 'answered')
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator(`[data-test=questionnaire-${form}] [data-test=questionnaire-status]`, { hasText: '回答済み' }), `${form} answered`)
  }

  await step('the member answers the pre-course questionnaire (required items checked first)', async () => {
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=answer-pre]'), 'pre questionnaire open')
    await page.locator('[data-test=answer-pre]').click()
    await expectVisible(page.locator('[data-test=questionnaire-form]'), 'form')
    await page.locator('[data-test=questionnaire-submit]').click()
    await expectVisible(page.locator('[data-test=questionnaire-problems]'), 'required items flagged')
    await answerQuestionnaire('pre', 3, '換気モードの選び方を学びたい', 'portal-questionnaire')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
    assert(!wide, 'no horizontal scroll on a phone')
    await screenshot(page, 'portal-overview-after')
    const overview = await page.evaluate(async () => (await fetch('/api/portal')).json())
    post = overview.questionnaires.find((q) => q.phase === 'post')
    assert(post && !post.open && !post.answered, 'the post form is not open yet')
    assert(Date.parse(post.opens_at) > Date.now(), `the post form opens later (${post.opens_at})`)
    assert(Date.parse(post.opens_at) >= Date.parse(overview.session.ends_at), `it opens when the day ends (${overview.session.ends_at})`)
  })

  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', acceptDownloads: true })
  const staffPage = await desktop.newPage()
  const staffWatch = watchPage(staffPage, problems)
  let admin = null
  await step('staff see the progress and the results', async () => {
    const token = userAdd(server, ADMIN, 'admin')
    admin = await setUp(staffPage, server.url, token)
    admin.counter = await signIn(staffPage, server.url, ADMIN, admin.secret, admin.counter)
    await staffPage.locator('[data-test=nav-learning]').click()
    await expectVisible(staffPage.locator('[data-test=progress-people]'), 'progress table')
    const row = staffPage.locator('[data-test=progress-people] tbody tr', { hasText: '医師 一郎' })
    assert((await row.locator('[data-test=person-pre]').textContent()).includes('済'), 'pre answered shown')
    assert((await row.locator('[data-test=person-lectures]').textContent()).startsWith('1/'), 'one lecture studied')
    assert(await staffPage.locator('[data-test=export-xlsx]').isVisible(), 'export link')
    await screenshot(staffPage, 'admin-learning')
    const [download] = await Promise.all([
      staffPage.waitForEvent('download'),
      staffPage.locator('[data-test=gift-export]').click(),
    ])
    assert(download.suggestedFilename().endsWith('.gift'), `a .gift file (${download.suggestedFilename()})`)
    const exported = await readFile(await download.path(), 'utf8')
    assert(exported.includes('$CATEGORY:') && exported.includes('{'), 'the test exported as GIFT with its category')
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

  await step("the clock passes the end of the member's session day: the member signs in again by a fresh link", async () => {
    clock.set(Date.parse(post.opens_at) + 3_600_000)
    watch.allow(/401/) // the portal's session has expired: /api/auth/me is refused
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=email-link]'), 'signed out: the link form')
    const seen = new Set(readMails(sink.dir).map((m) => m.file))
    await page.locator('[data-test=link-email]').fill(member)
    await page.locator('[data-test=link-send]').click()
    await expectVisible(page.locator('[data-test=link-sent]'), 'link sent')
    const mail = await waitForMail(sink.dir, (m) => m.to.includes(member) && /sign-in\/email#/.test(m.text) && !seen.has(m.file))
    const url = new URL(/(https?:\/\/\S+\/sign-in\/email#[A-Za-z0-9_-]+)/.exec(mail.text)[1])
    await page.goto(`${server.url}${url.pathname}${url.hash}`)
    await page.locator('[data-test=link-confirm]').click()
    await expectVisible(page.locator('[data-test=portal-name]'), 'portal')
    await expectVisible(page.locator('[data-test=questionnaire-pre] [data-test=questionnaire-status]', { hasText: '回答済み' }), 'pre still answered')
    assertEqual(await page.locator('[data-test=answer-pre]').count(), 0, 'no way to answer the pre form')
    await expectVisible(page.locator('[data-test=answer-post]'), 'post questionnaire open')
  })

  await step('the member answers the post-course questionnaire on other Likert points', async () => {
    await page.locator('[data-test=answer-post]').click()
    await expectVisible(page.locator('[data-test=questionnaire-form]'), 'post form')
    await answerQuestionnaire('post', 5, '換気モードの選び方が分かった', 'portal-questionnaire-post')
    assertEqual(await page.locator('[data-test=answer-post]').count(), 0, 'the post form is not offered again')
    await screenshot(page, 'portal-overview-post')
  })

  await step('staff sign in again (TOTP at the server\'s time) and see the pair and its chart', async () => {
    staffWatch.allow(/401/) // the staff session has expired too
    admin.counter = await signIn(staffPage, server.url, ADMIN, admin.secret, admin.counter, { at: clock.now() })
    await staffPage.locator('[data-test=nav-results]').click()
    await expectVisible(staffPage.locator('[data-test=response-rates]'), 'results')
    const rates = await staffPage.locator('[data-test=response-rates] dd').allTextContents()
    assert(rates.length === 2 && rates.every((r) => r.startsWith('1')), `one answer before and one after (${rates.join(' / ')})`)
    const likert = staffPage.locator('section[data-test^=paired-]', { has: staffPage.locator('[data-test=group-all] [data-test=n-pairs]', { hasText: /^1$/ }) })
    await expectVisible(likert, 'a paired item with one pair')
    const section = likert.first()
    const row = section.locator('[data-test=group-all]')
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim())
    // n, mean before/after, median before/after, p, r. One pair: W+ = 1, so the exact p is 1 and the continuity-
    // corrected z (and r) 0, as scipy's wilcoxon and R's wilcox.test give.
    assertEqual(cells[0], '1', 'one pair')
    assertEqual(`${cells[1]} → ${cells[2]}`, '3.00 → 5.00', 'means before and after')
    assertEqual(`${cells[3]} → ${cells[4]}`, '3.0 → 5.0', 'medians before and after')
    assertEqual(`${cells[5]} ${cells[6]}`, '1.000 0.00', 'Wilcoxon p and r of a single pair')
    const canvas = section.locator('figure.paired-chart canvas').first()
    await canvas.scrollIntoViewIfNeeded()
    const box = await canvas.boundingBox()
    assert(box && box.width > 100 && box.height > 100, `the chart's canvas has a size (${JSON.stringify(box)})`)
    // The bars are drawn: pixels of the before (#8a8f96) and after (#0b5cad) colours, well beyond the legend's boxes.
    const bars = await canvas.evaluate((c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
      const near = (i, [r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12 && data[i + 3] > 200
      const n = { before: 0, after: 0 }
      for (let i = 0; i < data.length; i += 4) {
        if (near(i, [0x8a, 0x8f, 0x96])) ++n.before
        else if (near(i, [0x0b, 0x5c, 0xad])) ++n.after
      }
      return n
    })
    if (process.env.E2E_VERBOSE) console.log(`#   bar pixels ${JSON.stringify(bars)}`)
    assert(bars.before > 1500 && bars.after > 1500 && bars.after > bars.before, `the bars are drawn, after taller (${JSON.stringify(bars)})`)
    await staffPage.waitForTimeout(300)
    await screenshot(staffPage, 'admin-results-paired')
    await section.screenshot({ path: join(ARTIFACTS, 'admin-results-paired-chart.png') })
  })

  await step('no console error, CSP violation or server error', async () => {
    assertEqual(problems.length, 0, `problems:\n${problems.join('\n')}`)
  })
  void application
  void quizId
})

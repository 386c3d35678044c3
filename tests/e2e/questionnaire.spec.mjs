// End to end, the questionnaire builder and a test passed after a failure: staff open the builder from the
// pre-learning page, see a problem named on its field, add a paired Likert question to the confidence section
// (previewed as participants see it) and save; they import a two-question test. A member signs in by e-mail link,
// fails the test, passes it at the second attempt, and finds the new question in the pre-course form.
// No console error, CSP violation or server error anywhere.
import { join } from 'node:path'
import {
  ARTIFACTS,
  assert,
  launchBrowser,
  run,
  screenshot,
  startServer,
  startSmtpSink,
  step,
  waitForMail,
  watchPage,
  assertEqual,
} from './lib/harness.mjs'
import { expectVisible, setUp, signIn, submitApplication, userAdd } from './lib/staff.mjs'

const runId = Date.now().toString(36)
const ADMIN = `builder-${runId}@example.jp`
const NEW_TEXT = '腹臥位療法の適応と手順を説明できる'
const GIFT = '::tf1::VV-ECMO は呼吸（ガス交換）を補助する。{T}\n\n::tf2::スウィープガス流量で CO2 除去を調節する。{T}\n'

/** What the screen shows (the full page of the builder is very long). */
const viewShot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })

await run(async () => {
  const sink = await startSmtpSink()
  const server = await startServer({ smtpUrl: sink.url })
  const browser = await launchBrowser()
  const problems = []

  await step('a team applies in the demo year (through the API)', () => submitApplication(server, runId, 'アンケート記念病院'))
  const member = `m0-${runId}@example.jp`

  const desktop = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP' })
  const staffPage = await desktop.newPage()
  const staffWatch = watchPage(staffPage, problems)
  let newItemId = ''
  await step('staff open the builder from the pre-learning page', async () => {
    const token = userAdd(server, ADMIN, 'admin')
    const admin = await setUp(staffPage, server.url, token)
    await signIn(staffPage, server.url, ADMIN, admin.secret, admin.counter)
    await staffPage.locator('[data-test=nav-learning]').click()
    await staffPage.locator('[data-test=to-questionnaire-builder]').click()
    await expectVisible(staffPage.locator('[data-test=builder-form]'), 'builder')
    assertEqual(await staffPage.locator('[data-test=builder-title]').inputValue(), 'ECMO・人工呼吸器管理研修 受講前後アンケート', 'the demo questionnaire')
    assert((await staffPage.locator('[data-test^=builder-section-]').count()) === 4, 'four sections')
  })

  await step('a problem is named on its field and nothing is saved', async () => {
    await staffPage.locator('[data-test=builder-title]').fill('')
    staffWatch.allow(/400/) // the refused save, on purpose
    await staffPage.locator('[data-test=builder-save]').click()
    await expectVisible(staffPage.locator('[data-test=builder-problems]'), 'problems')
    await expectVisible(staffPage.locator('[data-test=builder-title] ~ .field__error'), 'the title marked')
    await screenshot(staffPage, 'admin-questionnaire-builder-problem')
    await staffPage.locator('[data-test=builder-title]').scrollIntoViewIfNeeded()
    await viewShot(staffPage, 'admin-questionnaire-builder-problem-view')
    await staffPage.locator('[data-test=builder-title]').fill('ECMO・人工呼吸器管理研修 受講前後アンケート')
  })

  await step('staff add a paired Likert question to the confidence section, preview it and save', async () => {
    const section = staffPage.locator('[data-test=builder-section-1]')
    assertEqual(await section.getAttribute('data-section-id'), 'confidence', 'the confidence section')
    const before = await section.locator('fieldset.builder-item').count()
    await section.locator('[data-test=item-add]').click()
    const item = section.locator(`[data-test=builder-item-${before}]`)
    await expectVisible(item, 'a new question')
    await item.locator('[data-test=item-id]').fill('conf_prone')
    newItemId = 'conf_prone'
    assertEqual(await item.locator('[data-test=item-kind]').inputValue(), 'likert', 'Likert by default')
    assertEqual(await item.locator('[data-test=item-scale]').inputValue(), 'confidence', 'the first scale')
    await item.locator('[data-test=item-text]').fill(NEW_TEXT)
    await item.locator('[data-test=item-text-en]').fill('I can explain when and how to prone a patient')
    await item.locator('[data-test=item-paired]').check()
    await staffPage.locator('[data-test=preview-post]').click()
    await expectVisible(staffPage.locator(`[data-test=preview-${newItemId}]`, { hasText: NEW_TEXT }), 'previewed in the post form')
    await staffPage.locator('[data-test=preview-pre]').click()
    const preview = staffPage.locator(`[data-test=preview-${newItemId}]`)
    await expectVisible(preview, 'previewed in the pre form')
    assertEqual(await preview.locator('.likert__point').count(), 5, 'five points')
    assert((await preview.textContent()).includes('とても自信がある'), 'with the scale’s labels')
    await staffPage.locator('[data-test=builder-save]').click()
    await expectVisible(staffPage.locator('[data-test=builder-saved]'), 'saved')
    await screenshot(staffPage, 'admin-questionnaire-builder')
    await item.locator('[data-test=item-text]').scrollIntoViewIfNeeded()
    await viewShot(staffPage, 'admin-questionnaire-builder-view')
  })

  let quizId = ''
  await step('staff import a two-question test into the first lecture', async () => {
    await staffPage.locator('[data-test=nav-learning]').click()
    await expectVisible(staffPage.locator('[data-test=gift-quiz]'), 'GIFT import')
    await staffPage.waitForFunction(() => document.querySelector('[data-test=gift-quiz]')?.value) // lectures loaded
    quizId = await staffPage.locator('[data-test=gift-quiz]').inputValue()
    await staffPage.locator('[data-test=gift-text]').fill(GIFT)
    await staffPage.locator('[data-test=gift-submit]').click()
    await expectVisible(staffPage.locator('[data-test=gift-done]'), 'imported')
    assert((await staffPage.locator('[data-test=gift-quiz]').inputValue()) === quizId, 'into the chosen test')
  })

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true, hasTouch: true })
  const page = await phone.newPage()
  const watch = watchPage(page, problems)
  await step('the member signs in with the link from the mail', async () => {
    watch.allow(/401/) // /api/auth/me before signing in
    await page.goto(`${server.url}/portal`)
    await page.locator('[data-test=link-email]').fill(member)
    await page.locator('[data-test=link-send]').click()
    await expectVisible(page.locator('[data-test=link-sent]'), 'link sent')
    const mail = await waitForMail(sink.dir, (m) => m.to.includes(member) && /sign-in\/email#/.test(m.text))
    const url = new URL(/(https?:\/\/\S+\/sign-in\/email#[A-Za-z0-9_-]+)/.exec(mail.text)[1])
    await page.goto(`${server.url}${url.pathname}${url.hash}`)
    await page.locator('[data-test=link-confirm]').click()
    await expectVisible(page.locator('[data-test=portal-name]'), 'portal')
  })

  async function attempt(truth) {
    await page.locator('[data-test=quiz-start]').click()
    await expectVisible(page.locator('[data-test=quiz-form]'), 'questions')
    const questions = page.locator('fieldset.quiz-q')
    assertEqual(await questions.count(), 2, 'the two imported questions')
    for (let i = 0; i < 2; ++i) await questions.nth(i).locator(`[data-test=truth-${truth}]`).check()
    await page.locator('[data-test=quiz-submit]').click()
    await expectVisible(page.locator('[data-test=quiz-outcome]'), 'result')
    return (await page.locator('[data-test=quiz-outcome]').textContent()).trim()
  }

  await step('the member fails the test, then passes it at the second attempt', async () => {
    await page.goto(`${server.url}/portal/quizzes/${quizId}`)
    await expectVisible(page.locator('[data-test=quiz-start]'), 'test page')
    const first = await attempt('false')
    assert(first.includes('不合格'), `the first attempt fails (${first})`)
    await screenshot(page, 'portal-quiz-failed')
    const second = await attempt('true')
    assert(second.startsWith('合格'), `the second attempt passes (${second})`)
    await expectVisible(page.locator('[data-test=quiz-standing]', { hasText: '合格' }), 'standing: passed')
    assert(!(await page.locator('[data-test=quiz-standing]').textContent()).includes('未合格'), 'not "not passed"')
    await screenshot(page, 'portal-quiz-passed')
    await page.goto(`${server.url}/portal`)
    await expectVisible(page.locator('[data-test=portal-name]'), 'portal')
  })

  await step('the new paired question is in the member’s pre-course form', async () => {
    await page.locator('[data-test=answer-pre]').click()
    await expectVisible(page.locator('[data-test=questionnaire-form]'), 'form')
    const item = page.locator(`[data-test=item-${newItemId}]`)
    await expectVisible(item, 'the new question')
    assert((await item.textContent()).includes(NEW_TEXT), 'with its text')
    assertEqual(await item.getAttribute('data-kind'), 'likert', 'a Likert question')
    assertEqual(await item.locator('[data-test^=scale-]').count(), 5, 'five points')
    await item.scrollIntoViewIfNeeded()
    await viewShot(page, 'portal-questionnaire-new-item')
  })

  await step('no console error, CSP violation or server error', async () => {
    assertEqual(problems.length, 0, `problems:\n${problems.join('\n')}`)
  })
})

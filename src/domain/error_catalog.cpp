#include "domain/error_catalog.hpp"

#include <algorithm>
#include <array>

#include "domain/api_error.hpp"

namespace kenshu {
namespace {

// Sorted by code; `find_error` binary-searches it.
constexpr std::array kErrors = std::to_array<ErrorInfo>({
    {"application.already_withdrawn", 409, "この申込はすでに取り下げられています。", "This application has already been withdrawn."},
    {"application.deadline_passed", 409, "締切を過ぎたため、この申込は変更・取り下げできません。事務局にお問い合わせください。",
     "The deadline has passed: this application can no longer be changed or withdrawn. Please contact the secretariat."},
    {"application.duplicate_hospital", 409, "この病院からは今年度すでに申込があります（1病院1チームまで）。",
     "This hospital has already applied this year (one team per hospital)."},
    {"application.not_found", 404, "申込が見つかりません。リンクをご確認ください。", "Application not found. Please check your link."},
    {"application.window_closed", 409, "現在、申込を受け付けていません。", "Applications are not open at this time."},
    {"attachment.bad_type", 415, "講義資料は PDF または PowerPoint (.pptx) のファイルにしてください。", "A lecture file must be a PDF or a PowerPoint (.pptx) file."},
    {"attachment.too_large", 413, "ファイルが大きすぎます。", "The file is too large."},
    {"auth.csrf", 403, "リクエストを確認できませんでした。ページを再読み込みしてから、もう一度お試しください。",
     "The request could not be verified. Reload the page and try again."},
    {"auth.email_link_invalid", 404, "このリンクは無効か、期限切れか、すでに使われています。もう一度サインイン用のリンクを請求してください。",
     "This link is invalid, has expired or has already been used. Please request a new sign-in link."},
    {"auth.invalid_code", 401, "確認コードが正しくありません。",
     "The verification code is not correct."},
    {"auth.invalid_credentials", 401, "メールアドレスまたはパスワードが正しくありません。",
     "The e-mail address or password is not correct."},
    {"auth.required", 401, "サインインしてください。",
     "Please sign in."},
    {"auth.setup_link_invalid", 404, "この設定用リンクは無効か、期限切れか、すでに使われています。管理者に新しいリンクを依頼してください。",
     "This set-up link is invalid, has expired or has already been used. Ask an administrator for a new one."},
    {"auth.throttled", 429, "試行回数が多すぎます。しばらく待ってから、もう一度お試しください。",
     "Too many attempts. Please wait a while and try again."},
    {"consent.no_recording_required", 400, "録画・無断転載禁止への同意が必要です。", "You must agree not to record or repost the course."},
    {"consent.privacy_outdated", 400, "個人情報の取扱いが更新されました。最新の内容をご確認のうえ同意してください。",
     "The privacy notice has changed. Please read the current version and agree to it."},
    {"consent.privacy_required", 400, "個人情報の取扱いへの同意が必要です。", "You must agree to the privacy notice."},
    {"field.bad_date", 400, "日付は YYYY-MM-DD の形式で、実在する日を入力してください。", "Enter an existing date as YYYY-MM-DD."},
    {"field.bad_email", 400, "メールアドレスの形式が正しくありません。", "This is not a valid e-mail address."},
    {"field.bad_enum", 400, "選択肢から選んでください。", "Please choose one of the options."},
    {"field.bad_phone", 400, "電話番号は0から始まる10〜11桁の数字で入力してください（ハイフン可）。",
     "Enter a phone number of 10–11 digits starting with 0 (hyphens allowed)."},
    {"field.bad_postal_code", 400, "郵便番号は7桁（例: 100-0001）で入力してください。", "Enter a 7-digit postal code (e.g. 100-0001)."},
    {"field.bad_prefecture", 400, "都道府県を選んでください。", "Please choose a prefecture."},
    {"field.bad_text", 400, "使用できない文字が含まれています。", "This text contains characters that are not allowed."},
    {"field.line_break", 400, "改行は入力できません。", "Line breaks are not allowed here."},
    {"field.not_katakana", 400, "フリガナはカタカナで入力してください。", "Enter the reading (furigana) in katakana."},
    {"field.out_of_range", 400, "値が範囲外です。", "The value is out of range."},
    {"field.required", 400, "入力してください。", "This field is required."},
    {"field.too_long", 400, "文字数が多すぎます。", "This text is too long."},
    {"hospital_list.bad_csv", 400, "CSVの形式が正しくありません（引用符の閉じ忘れ、列が多すぎるなど）。",
     "The CSV is malformed (an unclosed quote, too many columns…)."},
    {"hospital_list.bad_encoding", 400, "ファイルの文字コードを読み取れません。UTF-8 または Shift_JIS の CSV を指定してください。",
     "The file is neither UTF-8 nor Shift_JIS text. Upload a CSV in one of them."},
    {"hospital_list.duplicate", 400, "同じ都道府県の同じ病院が複数行にあります。",
     "The same hospital of the same prefecture is listed twice."},
    {"hospital_list.empty", 400, "ファイルに見出し行と1行以上のデータが必要です。",
     "The file needs a header row and at least one hospital."},
    {"hospital_list.missing_column", 400, "必要な列が見つかりません（名称・都道府県、救命救急センターでは高度の別）。",
     "A required column is missing (name, prefecture, and for critical-care centres whether advanced)."},
    {"hospital_list.unknown_kind", 404, "この種類の病院一覧はありません。",
     "There is no such kind of hospital list."},
    {"idempotency.bad_key", 400, "Idempotency-Key の形式が正しくありません。", "The Idempotency-Key header is malformed."},
    {"idempotency.key_reused", 422, "同じ Idempotency-Key で異なる内容が送信されました。",
     "This Idempotency-Key was already used with a different request."},
    {"lecture.closed", 409, "この講義の受講期間は終了しました（研修日まで）。", "This lecture is closed (lectures are open until the session day)."},
    {"lecture.copy_source_empty", 409, "コピー元の年度に講義がありません。", "The year to copy from has no lectures."},
    {"lecture.copy_target_not_empty", 409, "この年度にはすでに講義があります。前年度の講義はコピーできません。",
     "This year already has lectures: the previous year's set cannot be copied into it."},
    {"password.personal", 400, "メールアドレスや氏名を含むパスワードは使用できません。",
     "The password must not contain your e-mail address or name."},
    {"password.too_common", 400, "このパスワードはよく使われているため使用できません。推測されにくい語句を選んでください。",
     "This password is too common. Choose a phrase that is hard to guess."},
    {"password.too_long", 400, "パスワードは256文字以内にしてください。",
     "The password must be at most 256 characters."},
    {"password.too_short", 400, "パスワードは13文字以上にしてください。",
     "The password must be at least 13 characters."},
    {"placement.already_confirmed", 409, "この受講枠はすでに確定しているため、解放できません。", "This place has been confirmed and cannot be released."},
    {"placement.confirm_expired", 409, "受講確定の期限を過ぎました。事務局にお問い合わせください。",
     "The time to confirm this place has passed. Please contact the secretariat."},
    {"placement.not_offered", 409, "確定・辞退できる受講枠がありません。", "There is no place to confirm or decline."},
    {"preferences.duplicate", 400, "同じ開催回が複数回選ばれています。", "The same session is chosen more than once."},
    {"preferences.empty", 400, "希望する開催回を1つ以上選ぶか、「いずれの回でも可」を選んでください。",
     "Choose at least one session, or choose “any session”."},
    {"preferences.session_closed", 409, "この開催回の申込受付は終了しています。", "Applications for this session are closed."},
    {"preferences.unknown_session", 400, "この開催回は存在しません。", "This session does not exist."},
    {"program.year_exists", 409, "その年度はすでにあります。", "That programme year already exists."},
    {"program.year_not_found", 404, "指定された年度の研修事業はありません。", "No programme for that year."},
    {"questionnaire.already_answered", 409, "このアンケートにはすでに回答しています。", "You have already answered this questionnaire."},
    {"questionnaire.answered_item_changed", 409, "回答済みの質問の形式・尺度・選択肢の数と順序・正解・対応づけは変更できません（文言の修正はできます）。",
     "An answered question cannot change its kind, scale, the number or order of its options, right answer or pairing (its wording can change)."},
    {"questionnaire.answered_item_removed", 409, "回答済みの質問はアンケートから削除できません。",
     "A question that has answers cannot be removed from the questionnaire."},
    {"questionnaire.bad_correct_option", 400, "正解は単一選択の選択肢から1つ選んでください。",
     "The right answer must be one of the options of a single-choice question."},
    {"questionnaire.bad_id", 400, "ID は半角英数字と _ - で64文字以内にしてください。",
     "An ID may use letters, digits, _ and - (at most 64)."},
    {"questionnaire.bad_options", 400, "選択肢を空欄にせず、英語の選択肢は日本語と同じ数にしてください。",
     "Options may not be blank, and the English options must match the Japanese ones in number."},
    {"questionnaire.bad_range", 400, "最小値は最大値以下に、文字数の上限は1以上にしてください。",
     "The minimum must not exceed the maximum, and a length limit must be at least 1."},
    {"questionnaire.bad_scale", 400, "尺度には1〜5の各段階のラベル（5つ）が必要です。",
     "A scale needs one label for each point from 1 to 5 (five labels)."},
    {"questionnaire.choice_out_of_range", 400, "選択肢から選んでください。", "Please choose one of the options."},
    {"questionnaire.closed", 409, "このアンケートの回答期間は終了しました。", "This questionnaire is closed."},
    {"questionnaire.duplicate_choice", 400, "同じ選択肢が重複しています。", "The same option was chosen twice."},
    {"questionnaire.duplicate_item", 400, "同じ ID の質問がすでにあります。",
     "Another question has the same ID."},
    {"questionnaire.duplicate_scale", 400, "同じ ID の尺度がすでにあります。",
     "Another scale has the same ID."},
    {"questionnaire.duplicate_section", 400, "同じ ID のセクションがすでにあります。",
     "Another section has the same ID."},
    {"questionnaire.empty_form", 400, "このフォームには質問が1つもありません。",
     "This form has no questions."},
    {"questionnaire.empty_id", 400, "ID を入力してください。",
     "Enter an ID."},
    {"questionnaire.empty_section", 400, "セクションに質問を1つ以上追加してください。",
     "Add at least one question to the section."},
    {"questionnaire.empty_text", 400, "質問文を入力してください。",
     "Enter the question."},
    {"questionnaire.invalid_text", 400, "使用できない文字が含まれています。", "The answer contains characters that cannot be used."},
    {"questionnaire.not_open", 409, "このアンケートはまだ回答できません。", "This questionnaire is not open yet."},
    {"questionnaire.out_of_range", 400, "回答が範囲外です。", "This answer is out of range."},
    {"questionnaire.required", 400, "この質問への回答は必須です。", "This question must be answered."},
    {"questionnaire.too_few_options", 400, "選択肢を2つ以上入力してください。",
     "Enter at least two options."},
    {"questionnaire.too_long", 400, "回答が長すぎます。", "This answer is too long."},
    {"questionnaire.too_many_choices", 400, "選べる数を超えています。", "Too many options were chosen."},
    {"questionnaire.unknown_item", 400, "この質問はアンケートにありません。", "This question is not in the questionnaire."},
    {"questionnaire.unknown_scale", 400, "尺度を選んでください。",
     "Choose a scale."},
    {"questionnaire.unpairable", 400, "前後比較（対応あり）にできるのは、リッカート・数値・正解のある単一選択の質問だけです。",
     "Only Likert, numeric and single-choice questions with a right answer can be paired."},
    {"questionnaire.unpaired_item", 400, "前後比較する質問は、受講前と受講後の両方のフォームに入れてください。",
     "A paired question must be in both the pre and the post form."},
    {"questionnaire.wrong_kind", 400, "この質問の形式に合わない回答です。", "This answer does not fit the question."},
    {"quiz.attempt_closed", 409, "この受験はすでに提出済みです。", "This attempt has already been submitted."},
    {"quiz.choice_out_of_range", 400, "選択肢から選んでください。", "Please choose one of the options."},
    {"quiz.duplicate_choice", 400, "同じ選択肢が重複しています。", "The same option was chosen twice."},
    {"quiz.gift_invalid", 422, "GIFT ファイルに誤りがあります。何も取り込まれていません。", "The GIFT file has errors; nothing was imported."},
    {"quiz.no_attempts_left", 409, "この確認テストの受験回数の上限に達しました。事務局にお問い合わせください。", "No attempts are left for this test. Please contact the secretariat."},
    {"quiz.time_expired", 409, "制限時間を過ぎて提出されたため、この受験は 0 点として記録されました。", "The attempt was submitted after the time limit and was recorded with no score."},
    {"quiz.too_many_choices", 400, "選べる数を超えています。", "Too many options were chosen."},
    {"quiz.unknown_question", 400, "この問題は確認テストにありません。", "This question is not in the test."},
    {"replacement.decided", 409, "この交代申請はすでに処理されています。",
     "This replacement request has already been decided."},
    {"replacement.member_not_found", 404, "交代する構成員が見つかりません。",
     "The member to replace was not found."},
    {"replacement.not_accepted", 409, "構成員の交代は、受講が決定したチームのみ申請できます。",
     "Only a team with an accepted place can ask to replace a member."},
    {"replacement.not_found", 404, "交代申請が見つかりません。",
     "Replacement request not found."},
    {"replacement.pending", 409, "この構成員の交代申請はすでに受け付けています。",
     "A replacement of this member has already been requested."},
    {"request.bad_content_type", 415, "Content-Type は application/json にしてください。", "Content-Type must be application/json."},
    {"request.bad_json", 400, "JSON の形式が正しくありません。", "The request body is not valid JSON."},
    {"request.bad_utf8", 400, "文字コードが UTF-8 ではありません。", "The request is not valid UTF-8."},
    {"request.header_too_large", 431, "リクエストヘッダーが大きすぎます。", "The request headers are too large."},
    {"request.malformed", 400, "リクエストの形式が正しくありません。", "The request is malformed."},
    {"request.method_not_allowed", 405, "このメソッドは使用できません。", "Method not allowed."},
    {"request.missing_field", 400, "必須の項目がありません。", "A required field is missing."},
    {"request.not_found", 404, "ページが見つかりません。", "Not found."},
    {"request.too_large", 413, "送信データが大きすぎます。", "The request is too large."},
    {"request.unknown_field", 400, "不明な項目が含まれています。", "The request contains an unknown field."},
    {"request.wrong_type", 400, "項目の型が正しくありません。", "A field has the wrong type."},
    {"selection.bad_input", 409, "選定の条件が矛盾しています（固定と除外など）。設定を確認してください。",
     "The selection input is inconsistent (for example a team both pinned and excluded). Check the settings."},
    {"selection.duplicate_session", 400, "同じ開催回が複数回指定されています。", "The same session is named more than once."},
    {"selection.flag_not_found", 404, "この申込に確認が必要な点はありません。",
     "This application has no flag to review."},
    {"selection.flags_unresolved", 409, "病院一覧と一致しない申込が未確認のまま残っています。確認済みにしてから公開してください。",
     "Some applications disagree with the official hospital lists and have not been reviewed. Review them before publishing."},
    {"selection.no_sessions", 400, "選定する開催回を1つ以上選んでください。", "Choose at least one session to select for."},
    {"selection.pin_conflict", 409, "このチームは固定と除外を同時に設定できません。先にもう一方を解除してください。",
     "A team cannot be both pinned and excluded. Remove the other one first."},
    {"selection.pin_not_found", 404, "この固定・除外の設定はありません。", "There is no such pin or exclusion."},
    {"selection.release_target", 400, "開催回か申込のどちらか一方を指定してください。",
     "Name either a session or an application."},
    {"selection.run_not_found", 404, "選定結果が見つかりません。", "Selection run not found."},
    {"selection.run_published", 409, "この選定結果はすでに公開されています。", "This selection run has already been published."},
    {"selection.run_stale", 409, "試行後に申込・固定・除外・受講枠が変わりました。もう一度試行してください。",
     "Applications, pins, exclusions or places changed since this dry run. Run it again."},
    {"selection.session_open", 409, "申込受付中の開催回は選定できません。", "A session still open for applications cannot be selected for."},
    {"server.internal", 500, "サーバー内部でエラーが発生しました。時間をおいて再度お試しください。",
     "An internal error occurred. Please try again later."},
    {"server.unavailable", 503, "ただいま混み合っています。時間をおいて再度お試しください。",
     "The service is busy. Please try again shortly."},
    {"session.not_found", 404, "開催回が見つかりません。", "Session not found."},
    {"session.number_taken", 409, "その回の番号はすでに使われています。", "That session number is already taken."},
    {"sim.debrief_too_large", 413, "振り返りの記録が大きすぎるため保存できません（このブラウザには残っています）。",
     "The debrief is too large to be saved (it is still kept in this browser)."},
    {"team.duplicate_email", 400, "構成員のメールアドレスが重複しています。", "Two members have the same e-mail address."},
    {"team.no_doctor", 400, "チームには医師を1名以上含めてください。", "A team must include at least one doctor."},
    {"team.no_nurse", 400, "チームには看護師を1名以上含めてください。", "A team must include at least one nurse."},
    {"team.too_large", 400, "チームの人数が上限を超えています。", "The team has too many members."},
    {"team.too_small", 400, "チームの人数が足りません。", "The team has too few members."},
    {"user.email_taken", 409, "このメールアドレスのアカウントはすでにあります。",
     "An account with this e-mail address already exists."},
    {"user.last_admin", 409, "最後の管理者アカウントは無効にできません。",
     "The last administrator account cannot be disabled."},
    {"user.not_found", 404, "アカウントが見つかりません。",
     "Account not found."},
});

constexpr bool sorted_by_code() {
  for (std::size_t i = 1; i < kErrors.size(); ++i)
    if (!(kErrors[i - 1].code < kErrors[i].code)) return false;
  return true;
}
static_assert(sorted_by_code(), "keep kErrors sorted by code");

}  // namespace

const ErrorInfo* find_error(std::string_view code) {
  auto it = std::lower_bound(kErrors.begin(), kErrors.end(), code,
                             [](const ErrorInfo& e, std::string_view c) { return e.code < c; });
  return it != kErrors.end() && it->code == code ? &*it : nullptr;
}

std::span<const ErrorInfo> all_errors() { return kErrors; }

std::string_view error_message(std::string_view code, Lang lang) {
  const ErrorInfo* e = find_error(code);
  if (!e) e = find_error("server.internal");
  return lang == Lang::en ? e->message_en : e->message_ja;
}

namespace {
int status_of(const std::string& code) {
  const ErrorInfo* e = find_error(code);
  return e ? e->status : 500;
}
}  // namespace

ApiError::ApiError(std::string code, std::string field)
    : std::runtime_error(code), status_(status_of(code)), code_(std::move(code)), field_(std::move(field)) {
  details_.push_back({code_, field_});
}

ApiError::ApiError(std::vector<FieldError> details)
    : std::runtime_error(details.empty() ? "validation" : details.front().code),
      status_(details.empty() ? 400 : status_of(details.front().code)),
      code_(details.empty() ? "request.bad_json" : details.front().code),
      field_(details.empty() ? "" : details.front().field),
      details_(std::move(details)) {}

}  // namespace kenshu

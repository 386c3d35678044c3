// What teams read about selection: the rules on the top page and the published lotteries (/draws).
const selectionPublicJa = {
  rules: {
    title: '受講チームの選定',
    intro: '各回の定員を超える申込があった場合、次の優先順位で受講チームを選定します。',
    tiersCaption: '優先順位',
    tierSeparator: '：',
    order: '優先順位が同じチームの間では、希望順位の高い回を優先し、なお同じ場合は抽選で決めます。',
    onePerHospital: '1病院から選ばれるのは年度を通じて1チームです。',
    prefectureLimit: '1つの回に同じ都道府県から選ばれるのは{n}チームまでです。',
    confirm: '受講が決まったチームは、{days}日以内に管理用リンクから受講を確定してください。辞退などで空いた席は、補欠のチームに順に繰り上げてご案内します（研修日の{stop}日前まで）。',
    drawsLink: '公表された抽選の結果',
  },
  draws: {
    title: '抽選の公表',
    intro: '選定を公表するたびに、その抽選に使ったシードと、受付番号を抽選順に並べた一覧をここに載せます。受付番号のほかに病院名や個人の情報は載せません。',
    none: 'この年度に公表された選定はまだありません。',
    published: '{at} 公表',
    sessions: '対象の回',
    seed: 'シード',
    method: '計算方法',
    methodUnknown: '（公表前の方式）',
    count: '{n}チーム',
    position: '抽選番号',
    reference: '受付番号',
    find: '受付番号で探す',
    findPlaceholder: '例: R7-0012',
    found: '{reference} の抽選番号は {n} です。',
    notFound: '{reference} はこの選定の対象に含まれていません。',
    verifyTitle: '抽選順の確かめ方',
    verify:
      '抽選順は、シードと受付番号だけから誰でも計算し直せます。mix64(x) を x を種とした SplitMix64 の最初の出力、fnv1a を受付番号（UTF-8）の64ビット FNV-1a ハッシュとして、各チームの値 mix64(fnv1a(受付番号) XOR mix64(シード)) の小さい順（同じ値は受付番号の順）が抽選番号 1, 2, … です。抽選は、優先順位と希望順位が同じチームの間の順序だけを決めます。',
    verifyTool: '計算用のスクリプト（scripts/redraw-lottery）と詳しい手順は、kenshu のソースの docs/selection.md にあります。',
  },
}

export default selectionPublicJa

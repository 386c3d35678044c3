// What teams read about selection: the rules on the top page and the published lotteries (/draws).
const selectionPublicEn = {
  rules: {
    title: 'How teams are selected',
    intro: 'When a session has more applications than places, teams are selected in this order of priority.',
    tiersCaption: 'Priority',
    tierSeparator: ': ',
    order:
      'Between teams of the same priority, a team gets its more preferred session first; where that is equal too, a lottery decides.',
    onePerHospital: 'At most one team per hospital is selected in a year.',
    prefectureLimit: 'At most {n} teams from one prefecture are selected for a session.',
    confirm:
      'A selected team confirms its place from its management link within {days} days. Places freed by a decline go to waitlisted teams in turn (until {stop} days before the session).',
    drawsLink: 'Published lotteries',
  },
  draws: {
    title: 'Published lotteries',
    intro:
      'Each time a selection is published, the seed of its lottery and the references in the order drawn are shown here. Nothing else: no hospital, no personal data.',
    none: 'No selection has been published for this year yet.',
    published: 'Published {at}',
    sessions: 'Sessions',
    seed: 'Seed',
    method: 'Method',
    methodUnknown: '(before the method was published)',
    count: '{n} teams',
    position: 'Lottery number',
    reference: 'Reference',
    find: 'Find a reference',
    findPlaceholder: 'e.g. R7-0012',
    found: 'The lottery number of {reference} is {n}.',
    notFound: '{reference} is not among the teams of this selection.',
    verifyTitle: 'How to check the order',
    verify:
      'Anyone can recompute the order from the seed and the references alone. With mix64(x) the first output of SplitMix64 seeded with x, and fnv1a the 64-bit FNV-1a hash of the reference (UTF-8), the teams sorted by mix64(fnv1a(reference) XOR mix64(seed)) upwards (equal values by reference) have lottery numbers 1, 2, … The lottery only orders teams of the same priority and preference rank.',
    verifyTool: "A script (scripts/redraw-lottery) and the steps in full are in kenshu's sources, docs/selection.md.",
  },
}

export default selectionPublicEn

// A validation problem: a stable error code (the same codes the server uses) and the path of the field it is
// about, e.g. `members[2].email`. Messages come from the catalogues, looked up by code.

export interface Problem {
  code: string
  field: string
}

export class Problems {
  readonly list: Problem[] = []

  add(code: string, field: string): void {
    this.list.push({ code, field })
  }

  /** Runs `check` and tells whether it added any problem. */
  clean(check: () => void): boolean {
    const before = this.list.length
    check()
    return this.list.length === before
  }
}

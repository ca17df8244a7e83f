/**
 * @module sources/pointer-moves
 * Where a value the readers hand on sits in the file, when that differs from where the target says
 * it is: a bare statement linted as `/Statement/0` of a one-statement policy, a CloudFormation
 * `Fn::If` branch, a statement list with `Fn::If` items spliced in. Pointers: RFC 6901.
 */

/** A table of moved subtrees: pointer as the target holds it → pointer in the file. */
export class PointerMoves {
  private readonly moves: [string, string][] = [];

  /** Records that the subtree at `from` (target pointer) is the subtree at `to` (file pointer). */
  add(from: string, to: string): void {
    if (from !== to) this.moves.push([from, to]);
  }

  get size(): number {
    return this.moves.length;
  }

  /** The file pointer of a target pointer: the longest moved prefix wins; others are unchanged. */
  toFile(pointer: string): string {
    let best: [string, string] | undefined;
    for (const m of this.moves) {
      const [from] = m;
      if ((pointer === from || pointer.startsWith(from + '/') || from === '') && (best === undefined || from.length > best[0].length)) best = m;
    }
    return best === undefined ? pointer : best[1] + pointer.slice(best[0].length);
  }
}

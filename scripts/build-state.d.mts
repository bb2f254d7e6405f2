// Types of build-state.mjs (plain JavaScript: bin/herald.mjs loads it before anything else).
export interface Inventory {
  files: number;
  /** sha256 of the sorted list of source paths. */
  list: string;
  newest: number;
  newestFile: string | undefined;
}
export declare const STAMP_FILE: string;
export declare function inventory(dir: string): Inventory;
export declare function writeStamp(outDir: string, taken: Inventory): void;
export declare function buildState(
  root: string,
  src: string,
  out: string,
): { fresh: true } | { fresh: false; reason: string };

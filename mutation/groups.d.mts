export interface MutationGroup {
  what: string;
  mutate: string[];
  tests: string[];
  database: boolean;
  ignoreStatic: boolean;
}
export declare const GROUPS: Record<'tables' | 'machine' | 'state' | 'errors', MutationGroup>;

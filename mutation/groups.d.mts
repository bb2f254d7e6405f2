export interface MutationGroup {
  what: string;
  mutate: string[];
  tests: string[];
  database: boolean;
}
export declare const GROUPS: Record<'tables' | 'state' | 'errors', MutationGroup>;

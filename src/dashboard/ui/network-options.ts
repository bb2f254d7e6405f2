/** One simple option field of a network (src/dashboard/option-fields.ts derives them). */
export type OptionField =
  | { name: string; kind: 'boolean' | 'string' | 'integer'; description?: string }
  | { name: string; kind: 'choice'; choices: string[]; description?: string };

export interface NetworkOptions {
  /** The post body's field for this network (linkedInOptions). */
  field: string;
  fields: OptionField[];
}

/** Put in the bundle by the build (esbuild `define`), from the networks' declarations. */
declare const __HERALD_NETWORK_OPTIONS__: Record<string, NetworkOptions>;

export const NETWORK_OPTIONS: Readonly<Record<string, NetworkOptions>> = __HERALD_NETWORK_OPTIONS__;

// The part of s3rver 3.7.1 the tests use (the package ships no types).
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    configureBuckets?: { name: string }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    httpServer?: Server;
    store: {
      getResourcePath(bucket: string, key: string, resource: 'object'): string;
      listObjects(bucket: string, options: Record<string, never>): Promise<{ objects: { key: string }[] }>;
    };
  }
}

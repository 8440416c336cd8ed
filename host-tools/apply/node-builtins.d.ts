/**
 * The few Node built-ins the CLI and its node tests use, declared by hand. The project's
 * tsconfig targets the browser (`types: ["mocha"]`); adding @types/node there would retype
 * globals such as `setTimeout` (NodeJS.Timeout instead of number) for every component.
 * These module declarations add no globals. Extend them when you use more of Node.
 */
declare module 'node:process' {
  interface WriteStream {
    write(chunk: string): boolean;
    isTTY?: boolean;
  }
  const process: {
    argv: string[];
    env: Record<string, string | undefined>;
    exitCode: number | undefined;
    stdout: WriteStream;
    stderr: WriteStream;
    cwd(): string;
    exit(code?: number): never;
    execPath: string;
    pid: number;
    on(event: 'SIGINT' | 'SIGTERM', listener: (signal: 'SIGINT' | 'SIGTERM') => void): void;
    off(event: 'SIGINT' | 'SIGTERM', listener: (signal: 'SIGINT' | 'SIGTERM') => void): void;
  };
  export default process;
}

declare module 'node:fs' {
  export function existsSync(path: string): boolean;
  export function readFileSync(path: string, encoding: 'utf8'): string;
  export function readFileSync(path: string): Uint8Array;
  export function readdirSync(path: string): string[];
  export function mkdtempSync(prefix: string): string;
  export function rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void;
  export function writeFileSync(path: string, data: string | Uint8Array): void;
}

declare module 'node:fs/promises' {
  export function readFile(path: string, encoding: 'utf8'): Promise<string>;
  export function readFile(path: string): Promise<Uint8Array>;
  export function writeFile(path: string, data: string): Promise<void>;
}

declare module 'node:path' {
  export function join(...parts: string[]): string;
  export function resolve(...parts: string[]): string;
  export function dirname(path: string): string;
  export function basename(path: string, ext?: string): string;
}

declare module 'node:child_process' {
  interface Readable {
    setEncoding(encoding: 'utf8'): void;
    on(event: 'data', listener: (chunk: string) => void): void;
  }
  export interface ChildProcess {
    readonly pid?: number;
    readonly stdout: Readable;
    readonly stderr: Readable;
    kill(signal?: 'SIGINT' | 'SIGTERM' | 'SIGKILL'): boolean;
    on(event: 'exit' | 'close', listener: (code: number | null, signal: string | null) => void): this;
  }
  export function spawn(command: string, args: string[], options?: { cwd?: string; env?: Record<string, string | undefined> }): ChildProcess;
  export function spawnSync(
    command: string,
    args: string[],
    options?: { cwd?: string; env?: Record<string, string | undefined>; encoding?: 'utf8' },
  ): { status: number | null; stdout: string; stderr: string };
}

declare module 'node:os' {
  export function tmpdir(): string;
}

declare module 'node:http' {
  export interface IncomingMessage {
    method?: string;
    url?: string;
    headers: Record<string, string | string[] | undefined>;
    on(event: 'data', listener: (chunk: Uint8Array) => void): this;
    on(event: 'end' | 'close', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
  }
  export interface ServerResponse {
    statusCode: number;
    setHeader(name: string, value: string): void;
    end(body?: string): void;
    destroy(): void;
  }
  export interface Server {
    listen(port: number, host: string, callback?: () => void): this;
    address(): { port: number; address: string } | string | null;
    close(callback?: (err?: Error) => void): this;
    closeAllConnections(): void;
  }
  export function createServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server;
}

declare module 'node:test' {
  export interface TestContext {
    skip(message?: string): void;
    diagnostic(message: string): void;
    test(name: string, fn: (t: TestContext) => void | Promise<void>): Promise<void>;
  }
  type TestFn = (t: TestContext) => void | Promise<void>;
  export function test(name: string, fn: TestFn): Promise<void>;
  export function test(name: string, options: { skip?: boolean | string; timeout?: number }, fn: TestFn): Promise<void>;
  export function describe(name: string, fn: () => void | Promise<void>): Promise<void>;
  export function it(name: string, fn: TestFn): Promise<void>;
  export function before(fn: () => void | Promise<void>): void;
  export function after(fn: () => void | Promise<void>): void;
  export function beforeEach(fn: () => void | Promise<void>): void;
  export function afterEach(fn: () => void | Promise<void>): void;
}

declare module 'node:assert/strict' {
  interface Assert {
    (value: unknown, message?: string): asserts value;
    ok(value: unknown, message?: string): asserts value;
    equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
    notEqual(actual: unknown, expected: unknown, message?: string): void;
    deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
    notDeepEqual(actual: unknown, expected: unknown, message?: string): void;
    match(value: string, regExp: RegExp, message?: string): void;
    doesNotMatch(value: string, regExp: RegExp, message?: string): void;
    throws(fn: () => unknown, expected?: RegExp | ((err: unknown) => boolean) | object, message?: string): void;
    doesNotThrow(fn: () => unknown, message?: string): void;
    rejects(
      fn: Promise<unknown> | (() => Promise<unknown>),
      expected?: RegExp | ((err: unknown) => boolean) | object,
      message?: string,
    ): Promise<void>;
    fail(message?: string): never;
  }
  const assert: Assert;
  export default assert;
}

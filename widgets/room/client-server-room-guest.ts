/**
 * One guest account per homeserver per browser, for ClientServerRoom.
 *
 * Every guest a page registers stays in the member list of each room it joins, and a
 * registration is a POST (with a CORS pre-flight). So the account is kept in localStorage
 * and reused by every room of that homeserver, on this page and after reloads. A stored
 * token is checked once per page (GET /account/whoami) before use; a refused one
 * (revoked, or the server's database was reset) is dropped and a new guest registered.
 * Tabs opening at once take turns (Web Locks), so they do not register one guest each.
 */

export interface GuestAccount {
  accessToken: string;
  userId: string;
}

/** What `account()` needs from its caller: the requests, with the caller's retries and stop. */
export interface GuestRequests {
  register(): Promise<GuestAccount>;
  /** true: the token works; false: the server refused it (it is dropped). Throws for anything else. */
  check(account: GuestAccount): Promise<boolean>;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'devroom.guest:';

function browserStorage(): Store | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (e.g. third-party iframe in some browsers): per page only
  }
}

export class GuestAccounts {
  /** This page's account per homeserver, once checked or registered. */
  private readonly accounts = new Map<string, Promise<GuestAccount>>();

  constructor(private readonly storage: Store | undefined = browserStorage()) {}

  /** The guest account for `homeserver` (base URL): this page's, the browser's once checked, or a new one. */
  account(homeserver: string, requests: GuestRequests): Promise<GuestAccount> {
    let account = this.accounts.get(homeserver);
    if (!account) {
      account = this.exclusive(homeserver, () => this.find(homeserver, requests));
      this.accounts.set(homeserver, account);
      // A failure (or the asking room stopped) is not kept: the next room asks again.
      void account.catch(() => this.accounts.get(homeserver) === account && this.accounts.delete(homeserver));
    }
    return account;
  }

  /** The server refused `token`: forget it, so the next `account()` registers a new guest. */
  forget(homeserver: string, token: string): void {
    if (this.read(homeserver)?.accessToken === token) this.storage?.removeItem(KEY + homeserver);
    const account = this.accounts.get(homeserver);
    void account?.then((a) => a.accessToken === token && this.accounts.get(homeserver) === account && this.accounts.delete(homeserver), () => undefined);
  }

  private async find(homeserver: string, requests: GuestRequests): Promise<GuestAccount> {
    const stored = this.read(homeserver);
    if (stored) {
      if (await requests.check(stored)) return stored;
      this.storage?.removeItem(KEY + homeserver);
    }
    const account = await requests.register();
    try {
      this.storage?.setItem(KEY + homeserver, JSON.stringify(account));
    } catch {
      // Full or blocked: this page still shares the one account.
    }
    return account;
  }

  private read(homeserver: string): GuestAccount | undefined {
    try {
      const value = JSON.parse(this.storage?.getItem(KEY + homeserver) ?? 'null') as Partial<GuestAccount> | null;
      return typeof value?.accessToken === 'string' && typeof value.userId === 'string' ? { accessToken: value.accessToken, userId: value.userId } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Runs `work` while holding this homeserver's lock in every tab of this origin, where Web Locks exist. */
  private async exclusive<T>(homeserver: string, work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? await locks.request(KEY + homeserver, work) : await work();
  }
}

/** The browser's guest accounts: what every ClientServerRoom uses unless given its own. */
export const guestAccounts = new GuestAccounts();

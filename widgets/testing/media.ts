import { RoomError } from '../room/room.js';

/**
 * The in-memory homeserver's content repository: files stored under `mxc://<server>/<id>`,
 * so widgets in the test host can download them through the client (MSC4039
 * `download_file`), as they do in Element with authenticated media.
 */

/** What can be uploaded: the body types a widget or a test has at hand (XMLHttpRequestBodyInit minus forms). */
export type MediaBody = Blob | BufferSource | string;

/** `mxc://<server-name>/<media-id>`, the shape matrix-js-sdk's mxcUrlToHttp accepts. */
const MXC = /^mxc:\/\/([^/?#\s]+)\/([A-Za-z0-9_-]+)$/;

/** Media the repository does not have: a 404 M_NOT_FOUND, like a homeserver answers for unknown media. */
export class MediaNotFoundError extends RoomError {
  constructor(
    readonly contentUri: string,
    /** The client-server download URL Element would have fetched (reported as the error's `url`). */
    readonly url: string,
  ) {
    super('Not found', 'M_NOT_FOUND');
    this.name = 'MediaNotFoundError';
  }
}

export class MediaStore {
  readonly #files = new Map<string, Blob>();
  #count = 0;

  constructor(
    /** The server part of new mxc URIs. */
    readonly serverName = 'localhost',
    /** Homeserver base URL, only used to report the download URL of missing media. */
    readonly baseUrl = `https://${serverName}`,
  ) {}

  /** Like `POST /_matrix/media/v3/upload`: stores the file and returns its new mxc:// URI. */
  upload(file: MediaBody, contentType?: string): string {
    let uri: string;
    do uri = `mxc://${this.serverName}/devroom${(++this.#count).toString(36)}`;
    while (this.#files.has(uri));
    this.put(uri, file, contentType);
    return uri;
  }

  /** Stores a file under a given mxc URI (e.g. one a fixture already refers to). */
  put(contentUri: string, file: MediaBody, contentType?: string): void {
    if (!MXC.test(contentUri)) throw new TypeError(`Not an mxc://server/id URI: ${contentUri}`);
    const type = contentType ?? (file instanceof Blob ? file.type : 'application/octet-stream');
    this.#files.set(contentUri, file instanceof Blob && file.type === type ? file : new Blob([file], { type }));
  }

  get(contentUri: string): Blob | undefined {
    return this.#files.get(contentUri);
  }

  delete(contentUri: string): boolean {
    return this.#files.delete(contentUri);
  }

  /**
   * What Element's driver does for `download_file`: the file as a Blob. A URI that is not
   * `mxc://server/id` fails like Element's (no download URL: a plain error); unknown media
   * fails with 404 M_NOT_FOUND, as the homeserver answers.
   */
  async download(contentUri: string): Promise<Blob> {
    const match = MXC.exec(contentUri);
    if (!match) throw new Error(`Cannot download ${contentUri}: not an mxc:// URI`);
    const file = this.#files.get(contentUri);
    if (file) return file;
    const url = `${this.baseUrl.replace(/\/$/, '')}/_matrix/client/v1/media/download/${encodeURIComponent(match[1]!)}/${match[2]!}`;
    throw new MediaNotFoundError(contentUri, url);
  }
}

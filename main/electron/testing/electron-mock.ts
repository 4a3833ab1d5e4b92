import { EventEmitter } from 'node:events';

/**
 * A hand-written stand-in for the `electron` module, for unit tests of main/electron on machines without
 * Electron's binary. It implements the few calls the shell makes and records them in {@link electronMock}
 * so that tests can assert window options, handlers and refusals. Tests load it with
 * `vi.mock('electron', () => import('./testing/electron-mock.js'))`.
 */

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' };

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits a cancellable event the way Electron does; returns whether a listener prevented it. */
  attempt(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl?: string;
  visible = false;
  minimized = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    electronMock.windows.push(this);
    electronMock.app.emit('web-contents-created', {}, this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.visible = true;
  }
}

/** A reply as Electron's `net` hands it over: status, lower-cased headers, then `data` and `end` events. */
export class FakeIncomingMessage extends EventEmitter {
  constructor(
    readonly statusCode: number,
    readonly headers: Record<string, string | string[]>,
  ) {
    super();
  }
}

/**
 * A request of Electron's `net`, driven by the test: `electronMock.netResponder` is called once the body is
 * written, and answers with {@link respond}, {@link fail} (a Chromium error such as `net::ERR_CONNECTION_REFUSED`)
 * or {@link redirect}, or never (a platform that does not answer).
 */
export class FakeClientRequest extends EventEmitter {
  readonly headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  aborted = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    electronMock.netRequests.push(this);
  }

  get body(): Buffer {
    return Buffer.concat(this.chunks);
  }
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  write(chunk: Buffer | string): void {
    this.chunks.push(Buffer.from(chunk));
  }
  end(chunk?: Buffer | string): void {
    if (chunk !== undefined) this.write(chunk);
    setImmediate(() => electronMock.netResponder?.(this));
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }

  respond(statusCode: number, headers: Record<string, string | string[]>, chunks: readonly Buffer[]): void {
    const message = new FakeIncomingMessage(statusCode, headers);
    this.emit('response', message);
    for (const chunk of chunks) {
      if (this.aborted) return;
      message.emit('data', chunk);
    }
    if (!this.aborted) message.emit('end');
  }
  fail(netError: string): void {
    if (!this.aborted) this.emit('error', new Error(netError));
  }
  /** As Electron's `manual` redirect mode does: a redirect not followed at once ends the request. */
  redirect(statusCode: number, location: string): void {
    this.emit('redirect', statusCode, 'GET', location, { location: [location] });
    if (!this.aborted) this.emit('error', new Error('Redirect was cancelled'));
  }
}

/** A session from `session.fromPartition`: what the shell set on it. */
export class FakeSession {
  certificateVerifyProc?: Listener;
  proxy?: Record<string, unknown>;
  connectionsClosed = 0;

  constructor(readonly partition: string) {}

  setCertificateVerifyProc(proc: Listener | null): void {
    this.certificateVerifyProc = proc ?? undefined;
  }
  setProxy(config: Record<string, unknown>): Promise<void> {
    this.proxy = config;
    return Promise.resolve();
  }
  closeAllConnections(): Promise<void> {
    this.connectionsClosed += 1;
    return Promise.resolve();
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  sandboxEnabled = false;
  quitCalled = false;
  exitCode?: number;
  appPath = process.cwd();
  locale = 'fr-FR';
  singleInstance = true;

  getVersion(): string {
    return '0.0.0-test';
  }
  getLocale(): string {
    return this.locale;
  }
  getAppPath(): string {
    return this.appPath;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  quit(): void {
    this.quitCalled = true;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

function freshState() {
  return {
    app: new FakeApp(),
    windows: [] as BrowserWindow[],
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    permissionRequestHandler: undefined as Listener | undefined,
    permissionCheckHandler: undefined as Listener | undefined,
    devicePermissionHandler: undefined as Listener | undefined,
    menuTemplates: [] as unknown[][],
    notifications: [] as { title: string; body: string }[],
    errorBoxes: [] as { title: string; content: string }[],
    safeStorage: { available: true, backend: 'gnome_libsecret' as string },
    sessions: [] as FakeSession[],
    netRequests: [] as FakeClientRequest[],
    /** Answers each `net` request once its body is written; unset, requests stay unanswered. */
    netResponder: undefined as ((request: FakeClientRequest) => void) | undefined,
  };
}

/** What the shell did, for assertions; {@link resetElectronMock} starts over. */
export const electronMock = freshState();

export function resetElectronMock(): void {
  Object.assign(electronMock, freshState());
}

export const app = new Proxy({} as FakeApp, {
  // Forwards to the current fake app, which resetElectronMock replaces.
  get: (_target, name) => {
    const value: unknown = Reflect.get(electronMock.app, name);
    return typeof value === 'function' ? (value as Listener).bind(electronMock.app) : value;
  },
});

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    electronMock.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    electronMock.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  fromPartition(partition: string): FakeSession {
    const created = new FakeSession(partition);
    electronMock.sessions.push(created);
    return created;
  },
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener) => (electronMock.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler: Listener) => (electronMock.permissionCheckHandler = handler),
    setDevicePermissionHandler: (handler: Listener) => (electronMock.devicePermissionHandler = handler),
  },
};

export const net = {
  request: (options: Record<string, unknown>) => new FakeClientRequest(options),
};

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu: (menu: { template: unknown[] }) => electronMock.menuTemplates.push(menu.template),
};

export class Notification {
  constructor(private readonly options: { title: string; body: string }) {}
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    electronMock.notifications.push({ title: this.options.title, body: this.options.body });
  }
}

export const dialog = {
  showErrorBox: (title: string, content: string) => electronMock.errorBoxes.push({ title, content }),
};

/** A reversible, visibly different "encryption", enough to tell the sealed file from the plain key. */
export const safeStorage = {
  isEncryptionAvailable: () => electronMock.safeStorage.available,
  getSelectedStorageBackend: () => electronMock.safeStorage.backend,
  encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
  decryptString: (sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('sealed:'.length), 'hex').toString();
  },
};

/**
 * A real browser for the HTML report, driven by `playwright-core` (which downloads nothing): the
 * Chromium that the npm package `@sparticuz/chromium` ships inside its tarball, so `npm ci` is the
 * only install step, on every machine and in CI alike. The package's own `executablePath()` unpacks
 * into the shared `os.tmpdir()/chromium` (whatever version got there first) and adds its libraries
 * only on AWS; we unpack all four archives (the browser, its NSS libraries, the SwiftShader GL and
 * the fonts) into a folder of the user's cache named by the package's version, once per machine, and
 * point the browser at them, so it needs neither `apt-get` nor the system's NSS or fonts.
 *
 * `OPENAI_CERTS_CHROMIUM=/usr/bin/chromium` runs the tests on another Chromium instead (Debian's
 * `chromium` package, for one). It is not chosen by itself where installed: the browser the tests
 * pass on should be the one a fresh clone gets, pinned by the lockfile.
 *
 * Each launch gets a fresh profile directory, removed on close.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pipeline } from "stream/promises";
import { promisify } from "util";
import * as zlib from "zlib";
import { BrowserContext, Page, chromium } from "playwright-core";
import { fillOnce, machineCacheDir } from "./machine-cache";

const run = promisify(execFile);

/**
 * Flags for a quiet, offline, throw-away browser: no sandbox (CI runs as root), no GPU, and none of
 * the background traffic (updates, sync, QUIC probes) that would show up as network requests.
 */
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The browser to launch and the environment it needs. */
interface ChromiumBinary {
    readonly executablePath: string;
    readonly env: Record<string, string>;
}

/**
 * Unpacks `@sparticuz/chromium`'s brotli archives into the machine's cache, outside the clone so that
 * fresh clones reuse it, once ({@link fillOnce}: two test runs unpacking at once never see half a
 * browser).
 */
async function unpackNpmChromium(): Promise<ChromiumBinary> {
    const packageDir = path.dirname(path.dirname(path.dirname(require.resolve("@sparticuz/chromium"))));
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
    const dir = machineCacheDir("chromium", version);
    const binary = (): ChromiumBinary => ({
        executablePath: path.join(dir, "chromium"),
        env: {
            // The package's NSS build, so the browser runs where the system has none.
            LD_LIBRARY_PATH: [path.join(dir, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
            FONTCONFIG_FILE: path.join(dir, "fonts.conf"),
        },
    });
    await fillOnce(
        dir,
        (at) => fs.existsSync(path.join(at, "fonts.conf")),
        async (scratch) => {
            const bin = path.join(packageDir, "bin");
            await pipeline(fs.createReadStream(path.join(bin, "chromium.br")), zlib.createBrotliDecompress(), fs.createWriteStream(path.join(scratch, "chromium"), { mode: 0o755 }));
            for (const archive of ["al2023.tar.br", "swiftshader.tar.br", "fonts.tar.br"]) {
                const tar = path.join(scratch, archive.replace(/\.br$/, ""));
                await pipeline(fs.createReadStream(path.join(bin, archive)), zlib.createBrotliDecompress(), fs.createWriteStream(tar));
                await run("tar", ["-xf", tar, "-C", scratch]);
                fs.rmSync(tar);
            }
            // The package's fonts.conf names Lambda's folders (/tmp/fonts); this one names ours. Written
            // last: its presence is what says the folder is complete.
            fs.writeFileSync(
                path.join(scratch, "fonts.conf"),
                `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(dir, "fonts")}</dir>\n  <cachedir>${path.join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
            );
        },
    );
    return binary();
}

/** The Chromium to test with: `OPENAI_CERTS_CHROMIUM` when set, else the npm package's. */
async function chromiumBinary(): Promise<ChromiumBinary> {
    const chosen = process.env.OPENAI_CERTS_CHROMIUM;
    if (chosen) {
        assert.ok(fs.existsSync(chosen), `OPENAI_CERTS_CHROMIUM names ${chosen}, which does not exist`);
        return { executablePath: chosen, env: {} };
    }
    return unpackNpmChromium();
}

/** A launched browser with a fresh profile; `close` removes the profile. */
export interface TestBrowser {
    readonly context: BrowserContext;
    close(): Promise<void>;
}

/** Starts headless Chromium (never skips: the browser comes with `npm ci`). */
export async function launchChromium(): Promise<TestBrowser> {
    const { executablePath, env } = await chromiumBinary();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath, env: { ...process.env, ...env }, headless: true, args: ARGS, timeout: 60_000 });
    return {
        context,
        close: async () => {
            await context.close();
            fs.rmSync(profile, { recursive: true, force: true });
        },
    };
}

/** A page opened on a file, with everything it asked the network for and every console error. */
export interface OpenedPage {
    readonly page: Page;
    readonly url: string;
    /** Every request the page made, the file itself included. */
    readonly requests: string[];
    /** Console messages of type error (a Content-Security-Policy violation is one) and uncaught exceptions. */
    readonly errors: string[];
}

/** Opens `file` in a new page of `browser` at `viewport`, recording requests and errors from the start. */
export async function openFile(browser: TestBrowser, file: string, viewport: { width: number; height: number }): Promise<OpenedPage> {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => void requests.push(request.url()));
    page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => void errors.push(String(error)));
    const url = `file://${path.resolve(file)}`;
    await page.goto(url, { waitUntil: "load" });
    return { page, url, requests, errors };
}

/**
 * How much a PNG screenshot shows: the share of pixels that are not the page's white background and
 * how many distinct colours there are, counted by the browser itself on a canvas (no PNG decoder
 * needed). A blank or failed render has almost no ink and one or two colours.
 */
export async function inkOf(browser: TestBrowser, png: Buffer): Promise<{ ink: number; colours: number }> {
    const page = await browser.context.newPage();
    try {
        return await page.evaluate(async (base64) => {
            // Runs in the page; the test project compiles without the DOM's types.
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const { Image, document } = globalThis as any;
            const image = new Image();
            image.src = `data:image/png;base64,${base64}`;
            await image.decode();
            const canvas = document.createElement("canvas");
            canvas.width = image.width;
            canvas.height = image.height;
            const context = canvas.getContext("2d");
            context.drawImage(image, 0, 0);
            const { data } = context.getImageData(0, 0, image.width, image.height);
            let inked = 0;
            const colours = new Set<number>();
            for (let i = 0; i < data.length; i += 4) {
                if (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245) inked += 1;
                if (colours.size < 10_000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
            }
            return { ink: inked / (data.length / 4), colours: colours.size };
        }, png.toString("base64"));
    } finally {
        await page.close();
    }
}

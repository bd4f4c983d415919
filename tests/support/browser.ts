/**
 * A real browser for the HTML report: Debian's `chromium` package driven by `playwright-core`, which
 * downloads nothing (the `playwright` package would fetch a browser build of its own). Each launch
 * gets a fresh profile directory, removed on close.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BrowserContext, Page, chromium } from "playwright-core";

/** Where Debian's package puts the browser (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Flags for a quiet, offline, throw-away browser: no sandbox (CI runs as root), no GPU, and none of
 * the background traffic (updates, sync, QUIC probes) that would show up as network requests.
 */
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A launched browser with a fresh profile; `close` removes the profile. */
export interface TestBrowser {
    readonly context: BrowserContext;
    close(): Promise<void>;
}

/** Starts headless Chromium, or fails with the install command when it is missing (never skips). */
export async function launchChromium(): Promise<TestBrowser> {
    assert.ok(fs.existsSync(CHROMIUM_PATH), `Debian's chromium is not installed at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (the HTML report is tested in a real browser)`);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS, timeout: 60_000 });
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

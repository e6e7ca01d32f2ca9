/**
 * The dashboard in Debian's Chromium (playwright-core): sign in, portfolio and program pages over two seeded
 * programs, acknowledge an escalation through the UI and find it in the audit stream, axe-core with zero serious
 * or critical violations, no CSP violations. With $VITALS_SCREENSHOTS set, screenshots (1280 px and tablet) go there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWeb } from '../../src/web/build';
import { startHarness, type Harness } from '../api/harness';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SHOTS = process.env.VITALS_SCREENSHOTS ?? null;
const AXE = readFileSync(join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

jest.setTimeout(60_000);

let h: Harness;
let browser: Browser;
const cspErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (the .ci/run script does it)`);
  await buildWeb();
  h = await startHarness();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function signedIn(key: string, width = 1280, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(`${h.url}/`);
  expect(page.url()).toContain('/login');
  await page.fill('#key', key);
  await Promise.all([page.waitForURL(`${h.url}/`), page.click('button[type=submit]')]);
  return page;
}

async function axe(page: Page): Promise<Array<{ id: string; impact: string; nodes: number }>> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** True when the canvas has drawn pixels (chart.js ran under the CSP). */
async function shot(page: Page, name: string, width?: number): Promise<void> {
  if (!SHOTS) return;
  if (width) await page.setViewportSize({ width, height: 1180 });
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

async function canvasDrawn(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const blank = document.createElement('canvas');
    blank.width = canvas.width;
    blank.height = canvas.height;
    return canvas.toDataURL() !== blank.toDataURL();
  });
}

it('portfolio: both programs with RAG as text, score, sparkline, go-live, slip and overdue gates; accessible', async () => {
  const page = await signedIn(h.keys.pmo);
  const rows = page.locator('table.portfolio tbody tr');
  await expect(rows.count()).resolves.toBe(2);
  const ehr = (await page.locator('tr[data-program="ehr-golive"]').innerText()).replace(/\s+/g, ' ');
  expect(ehr).toContain('St. Elsewhere EHR go-live');
  expect(ehr).toContain('Red');
  expect(ehr).toMatch(/days late/);
  expect(ehr).toContain('1 overdue hipaa-sra');
  const pacs = (await page.locator('tr[data-program="pacs-upgrade"]').innerText()).replace(/\s+/g, ' ');
  expect(pacs).toContain('Green');
  expect(pacs).toContain('none');
  await page.waitForFunction(() => document.querySelectorAll('canvas[data-spark]').length === 2);
  expect(await canvasDrawn(page, 'tr[data-program="ehr-golive"] canvas')).toBe(true);
  await shot(page, 'vitals-portfolio-1280.png');
  expect(await axe(page)).toEqual([]);
  await shot(page, 'vitals-portfolio-tablet.png', 820);
  await page.close();
});

it('program page: Gantt with forecast band, gate matrix, sign-offs, components, risks with tracker links; acknowledge through the UI lands in the audit stream', async () => {
  const page = await signedIn(h.keys.pmo);
  await page.click('text=St. Elsewhere EHR go-live');
  await page.waitForURL(`${h.url}/programs/ehr-golive`);
  expect(await page.locator('svg.gantt title').first().textContent()).toContain('P50–P85');
  expect(await page.locator('svg.gantt rect.band').count()).toBeGreaterThanOrEqual(2);
  const matrix = (await page.locator('table.matrix').innerText()).replace(/\s+/g, ' ');
  expect(matrix).toMatch(/SRA HIPAA 164\.308\(a\)\(1\).*Overdue/);
  expect(await page.locator('text=Clinical sign-offs by role').count()).toBe(1);
  expect(await page.locator('a[href="https://example.test/jira/EHR-101"]').count()).toBeGreaterThan(0);
  expect(await page.locator('a[href="https://app.asana.com/0/1/1205550001"]').count()).toBeGreaterThan(0);
  expect(await canvasDrawn(page, '#components-chart')).toBe(true);
  await shot(page, 'vitals-program-1280.png');
  expect(await axe(page)).toEqual([]);

  await page.click('button[aria-label="Acknowledge escalation hipaa-sra"]');
  await page.waitForFunction(() => document.querySelector('tr[data-subject="hipaa-sra"] .esc-status')?.textContent === 'acknowledged');
  const audit = await h.store.audit.list({ program: 'ehr-golive' });
  expect(audit).toContainEqual(expect.objectContaining({ action: 'acknowledged', rule: 'L4', actor: expect.stringContaining('(pmo-test)') }));
  await page.reload();
  expect((await page.locator('tr[data-subject="hipaa-sra"] .esc-status').innerText()).startsWith('acknowledged')).toBe(true);
  await shot(page, 'vitals-program-tablet.png', 820);
  await page.close();
  expect(cspErrors).toEqual([]);
});

it('a viewer sees no acknowledge buttons, and a scoped key cannot open another program', async () => {
  const page = await signedIn(h.keys.viewerPacs);
  expect(await page.locator('table.portfolio tbody tr').count()).toBe(1);
  const res = await page.goto(`${h.url}/programs/ehr-golive`);
  expect(res?.status()).toBe(404);
  await page.goto(`${h.url}/programs/pacs-upgrade`);
  expect(await page.locator('button[data-action]').count()).toBe(0);
  await page.close();
});

'use strict';
// Runs a list of named steps in one headless Chromium page and reports each on stdout as a
// JSON line: {"step": name, "ok": true} or {"step": name, "ok": false, "error": text}.
// After every step the page is saved as <shots>/<tool>-<nn>-<step>.png. A step fails when
// its function throws, when the page shows one of the tool's error boxes, or when the web
// server answered 500 or more for any request made during the step. The first failure
// ends the run (later steps depend on earlier ones).
const fs = require('fs');
const path = require('path');
const {chromium} = require('playwright-core');

async function runSteps(tool, errorSelector, steps) {
  const shots = process.env.GUI_SHOTS;
  fs.mkdirSync(shots, {recursive: true});
  const browser = await chromium.launch({
    executablePath: process.env.GUI_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({viewport: {width: 1280, height: 900},
                                            acceptDownloads: true});
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.GUI_TIMEOUT_MS || 20000));
  let serverErrors = [];
  page.on('response', (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
  });
  let failed = false;
  let n = 0;
  for (const [name, fn] of steps) {
    n += 1;
    serverErrors = [];
    const report = {step: name, ok: true};
    try {
      const detail = await fn(page);
      if (detail !== undefined) report.detail = detail;
      await page.waitForLoadState('load');
      const boxes = await page.locator(errorSelector).allInnerTexts();
      const shown = boxes.map((text) => text.trim()).filter((text) => text.length > 0);
      if (shown.length > 0) throw new Error(`the page shows an error: ${shown.join(' | ')}`);
      if (serverErrors.length > 0) throw new Error(`HTTP ${serverErrors.join(', ')}`);
    } catch (error) {
      report.ok = false;
      report.error = String(error.message || error).split('\n')[0];
      failed = true;
    }
    const file = path.join(shots, `${tool}-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({path: file, fullPage: false}).catch(() => {});
    process.stdout.write(JSON.stringify(report) + '\n');
    if (failed) break;
  }
  await browser.close();
  process.exitCode = failed ? 1 : 0;
}

// Waits until the page's text contains every one of `texts`.
async function expectText(page, ...texts) {
  for (const text of texts) {
    await page.getByText(text, {exact: false}).first().waitFor({state: 'attached'});
  }
}

module.exports = {runSteps, expectText};
